"""Analytics over the innograph projection: pure, deterministic functions plus one adapter.

::

    projection.py    Projection (sorted ids, read-only arrays) and from_rows / from_arrays
    overlap.py       cluster_overlap, overlap_rows, brokers
    network.py       the organisation network per view, kept factored (org_network, degree,
                     strength, matvec; adjacency / to_networkx for small graphs)
    brandes.py       batched Brandes dependencies as sparse matrix products
    centrality.py    pagerank, betweenness (exact or sampled, with its error), centrality,
                     top_by_cluster, rows
    cross_sector.py  sector_matrix, sector_links, cluster_cross_sector_share
    helix.py         helix_mix per cluster or project
    adapter/         the one module that reads and writes the graph: read_projection and
                     write_*, the match model's rows and its cache
    runs.py          run_overlap / run_centrality / run_cross_sector / run_helix / run_all

Only ``adapter`` reads or writes the graph, through ``graph.db.Database``'s catalogue;
``runs`` passes the database it is given to it; ``matching`` is the pure match engine.
"""
