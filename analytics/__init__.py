"""Analytics over the innograph projection: pure, deterministic functions plus a thin store.

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
    store.py         read_projection and write_* through graph.db (graph/cypher/analytics_*)
    runs.py          run_overlap / run_centrality / run_cross_sector / run_helix / run_all

Only ``store`` and ``runs`` see a database, and only through ``graph.db.Database``.
"""
