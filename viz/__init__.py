"""Maps and plots of the innovation ecosystem, drawn from networkx graphs.

::

    viz/graphs.py   rows (read by graph/map_data.py) -> networkx graphs
    viz/reshape.py  graph -> graph: aggregation, ego-networks, overlap projection
    viz/maps.py     networkx graph -> self-contained interactive HTML (pyvis + vis-network)
    viz/render.py   the HTML page: pyvis Network, inlined vis-network, legend, layout
    viz/elements.py the page's styled nodes and edges, and the layout's anchors and order
    viz/style.py    colours, shapes, sizes, tooltips, legend entries
    viz/layout.py   precomputed positions for graphs too large for in-browser physics
    viz/plots.py    static PNG/SVG heatmaps (cluster overlap, sector x sector) for reports
    viz/browser.py  open a map in headless Chromium with networking off (tests, benchmarks)

No module here reads the graph: the callers (``api.map_service``, ``innograph map``, the
demo) read the rows with ``graph.map_data`` and hand them to ``viz.graphs``; everything here
is pure (rows or graph in, graph or file out).

Graph attributes the maps understand (all optional except ``kind``):

* node: ``kind`` (``firm``, ``knowledge_institution``, ``federation``, ``government``,
  ``other``, ``cluster_spearhead``, ``cluster_ibn``, ``project``, ``call``, ``consortium``,
  ``group``), ``name``, ``nace``/``section``, ``size`` (sme/large), ``province``,
  ``synthetic``, ``pagerank``/``degree``/``betweenness``, ``members`` (clusters), ``count``
  (groups), ``source``/``source_ref``;
* edge: ``type`` (``MEMBER_OF``, ``TIED_TO``, ``MANAGES``, ``LINKED_TO``, ``PARTICIPATES_IN``,
  ``OVERLAPS``, ``GROUP``, ``PARTNER``, ``CONSORTIUM``), ``relation``, ``shared``,
  ``jaccard``, ``overlap_coefficient``, ``count``, ``score``, ``source``/``source_ref``.
"""
