// The ids of every node with one label. Template: __LABEL__ from graph.model. No parameters.
MATCH (n:__LABEL__) RETURN n.id AS id
