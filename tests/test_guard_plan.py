"""The guard's plan walker on plans shaped as Neo4j sends them (pure: no server).

The live tests (``test_guard_live.py``) send hostile queries to the real server; these pin
down how each operator is judged and how a refusal is worded.
"""

from __future__ import annotations

from graph.guard import operator_reason, plan_reasons, rejected_message, syntax_message


def plan(operator: str, details: str = "", *children: dict) -> dict:
    return {"operatorType": operator, "args": {"Details": details}, "children": list(children)}


def test_every_operator_of_the_plan_counts():
    nested = plan(
        "ProduceResults@neo4j",
        "x",
        plan("Apply@neo4j", "", plan("Argument@neo4j"), plan("LoadCSV@neo4j", "l")),
        plan("ProcedureCall@neo4j", "dbms.listConfig() :: (name :: STRING)"),
    )
    assert plan_reasons(nested, "r", "neo4j") == [
        "LOAD CSV is not allowed here: it reads files and URLs",
        "the procedure dbms.listConfig is not allowed here (only the read-only introspection "
        "db.labels, db.relationshipTypes, db.propertyKeys, db.schema.visualization, "
        "db.schema.nodeTypeProperties, db.schema.relTypeProperties)",
    ]
    labels = plan("ProcedureCall@neo4j", "db.labels() :: (label :: STRING)")
    assert plan_reasons(plan("ProduceResults@neo4j", "", labels), "r", "neo4j") == []
    assert plan_reasons(plan("Create@neo4j"), "w", "neo4j") == ["this query writes"]
    assert plan_reasons(plan("CreateIndex@neo4j"), "s", "neo4j") == [
        "this query changes the schema"
    ]


def test_operators_on_other_databases_and_admin_operators():
    assert operator_reason("dbms.listConfig", "system", "", "neo4j") == (
        "the procedure dbms.listConfig is not allowed here"
    )
    assert operator_reason("AllNodesScan", "other", "", "neo4j") == (
        "ALL NODES SCAN runs on the other database, not on the graph"
    )
    assert operator_reason("ShowTransactions", "neo4j", "", "neo4j") == (
        "SHOW TRANSACTIONS is an administration command"
    )
    assert operator_reason("TransactionForeach", "neo4j", "", "neo4j").startswith(
        "CALL { } IN TRANSACTIONS"
    )
    assert operator_reason("AllNodesScan", "neo4j", "n", "neo4j") is None


def test_syntax_errors_point_into_the_query_as_sent():
    message = (
        "Invalid input 'RETRN' (line 1, column 18 (offset: 17))\n"
        '"EXPLAIN MATCH (n) RETRN n"\n                  ^'
    )
    assert syntax_message(message) == "Invalid input 'RETRN' (line 1, column 10 (offset: 9))"
    assert syntax_message("Bad (line 2, column 3 (offset: 20))") == (
        "Bad (line 2, column 3 (offset: 12))"
    )


def test_other_refusals_to_plan_point_into_the_query_as_sent_too():
    message = 'Bad (line 1, column 9 (offset: 8))\n"EXPLAIN RETURN x"\n        ^'
    assert rejected_message(message) == "Bad (line 1, column 1 (offset: 0))"
    assert rejected_message("Bad (line 3, column 2 (offset: 30))") == (
        "Bad (line 3, column 2 (offset: 22))"
    )
    assert rejected_message("No such database\nat all") == "No such database\nat all"
