"""Server-rendered pages: home and search, cluster, organisation, partner search, overlap
heatmap, maps, Cypher; and the login form.

Pages authenticate like the API (the same roles), and also accept the ``innograph_key``
cookie that the login form sets: HttpOnly (scripts cannot read it), SameSite=Strict (other
sites cannot make the browser send it, which also stops cross-site form posts), Secure when
the page is served over HTTPS, Path=/. A page without a valid key redirects to the form.
"""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api import data, map_service, match_service
from api import models as m
from api.answer_cache import kept_page
from api.auth import COOKIE, Principal, Role
from api.deps import (
    Analyst,
    AnalystsDep,
    AnswersDep,
    DbDep,
    KeysDep,
    Manager,
    ModelsDep,
    SettingsDep,
    Viewer,
    reveal_from,
)
from api.disclosure import sees_members
from api.routes.cypher import check_parameters, on_analyst_pool, read_only
from api.routes.match import split_ids
from graph import catalog, library
from graph.errors import InvalidInput, QueryRefused, UnknownName
from graph.guard import QueryFailed
from graph.output import plain

router = APIRouter(include_in_schema=False)
Text = Annotated[str | None, Query(max_length=5000)]


def page(
    request: Request, name: str, me: Principal | None, status: int = 200, **context: Any
) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(
        request, name, {"me": me, "Role": Role, **context}, status_code=status
    )


def safe_next(target: str | None) -> str:
    """Only a path on this site (never ``//host`` or ``https://...``)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


# -- login ---------------------------------------------------------------------------------------
@router.get("/ui/login", response_class=HTMLResponse)
def login_form(request: Request, next: Annotated[str | None, Query(max_length=2000)] = None):
    return page(request, "login.html", None, next=safe_next(next), title="Log in")


@router.post("/ui/login", response_class=HTMLResponse)
def login(
    request: Request,
    keys: KeysDep,
    key: Annotated[str, Form(max_length=500)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    principal = keys.verify(key.strip())
    if principal is None:
        return page(
            request,
            "login.html",
            None,
            status=401,
            next=safe_next(next),
            error="That key is unknown or revoked.",
            title="Log in",
        )
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        COOKIE,
        key.strip(),
        httponly=True,
        samesite="strict",
        path="/",
        secure=request.url.scheme == "https",
        max_age=60 * 60 * 12,
    )
    return response


@router.post("/ui/logout")
def logout() -> Response:
    response = RedirectResponse("/ui/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


# -- home and search -----------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def home(
    request: Request, db: DbDep, me: Viewer, q: Annotated[str | None, Query(max_length=200)] = None
):
    clusters = data.list_clusters(db, None, q, 500, 0)
    orgs = None
    if q and me.can(Role.manager):
        orgs = data.search_organisations(
            db,
            q=q,
            kind=None,
            sector=None,
            province=None,
            cluster=None,
            enterprise_number=None,
            limit=50,
            offset=0,
        )
    return page(request, "home.html", me, q=q or "", clusters=clusters, orgs=orgs, title="Home")


# -- cluster and organisation --------------------------------------------------------------------
@router.get("/ui/clusters/{cluster_id}", response_class=HTMLResponse)
def cluster_page(
    request: Request,
    db: DbDep,
    answers: AnswersDep,
    settings: SettingsDep,
    me: Viewer,
    cluster_id: str,
):
    def render() -> HTMLResponse:
        cluster = data.get_cluster(db, cluster_id)
        manager = sees_members(me)
        return page(
            request,
            "cluster.html",
            me,
            title=cluster.name or cluster.id,
            cluster=cluster,
            overlaps=data.cluster_overlaps(db, cluster_id, reveal_from(me, settings), names=10),
            projects=data.cluster_projects(db, cluster_id, 25, 0, members=False),
            members=data.cluster_members(db, cluster_id, None, 200, 0) if manager else None,
            central=data.cluster_central(db, cluster_id, "pagerank", 10) if manager else None,
            min_group_size=settings.min_group_size,
        )

    return kept_page(request, db, answers, me, ("cluster_page", cluster_id), render)


@router.get("/ui/organisations/{org_id}", response_class=HTMLResponse)
def organisation_page(request: Request, db: DbDep, me: Manager, org_id: str):
    org = data.get_organisation(db, org_id)
    return page(
        request,
        "organisation.html",
        me,
        title=org.name or org.id,
        org=org,
        projects=data.organisation_projects(db, org_id, 50, 0),
    )


# -- partner search ------------------------------------------------------------------------------
@router.get("/ui/partners", response_class=HTMLResponse)
def partners_page(
    request: Request,
    db: DbDep,
    models: ModelsDep,
    answers: AnswersDep,
    settings: SettingsDep,
    me: Manager,
    text: Text = None,
    themes: Text = None,
    org: Text = None,
    clusters: Annotated[list[str], Query()] = [],  # noqa: B006
    instrument: Annotated[str | None, Query(max_length=100)] = None,
    k: Annotated[int, Query(ge=1, le=100)] = 20,
    international: bool = False,
    include_synthetic: bool = False,
):
    clusters = [c for c in clusters for c in split_ids(c)]
    form = {
        "text": text or "",
        "themes": themes or "",
        "org": org or "",
        "clusters": clusters,
        "instrument": instrument or "",
        "k": k,
        "international": international,
        "include_synthetic": include_synthetic,
    }
    all_clusters = data.cluster_refs(db)
    context: dict[str, Any] = {
        "form": form,
        "all_clusters": all_clusters,
        "cluster_names": {c.id: c.name or c.id for c in all_clusters},
        "instruments": db.read("list_instruments"),
    }
    try:
        _partner_results(db, models, settings, form, context, answers)
    except UnknownName as e:  # the form again, with the closest names to choose from
        context["unknown"] = Unknown(str(e), e.suggestions, form)
    return page(request, "partners.html", me, title="Partner search", **context)


class Unknown:
    """An organisation name that fits none or several: the sentence and the suggestions."""

    def __init__(self, message: str, suggestions: list[dict[str, Any]], form: dict[str, Any]):
        self.message, self.suggestions, self.form = message, suggestions, form

    def link(self, org_id: str) -> str:
        query = {k: v for k, v in self.form.items() if v and k not in ("org", "clusters")}
        return "/ui/partners?" + urlencode(
            {**query, "org": org_id, "clusters": ",".join(self.form["clusters"])}
        )


def _partner_results(
    db: Any,
    models: Any,
    settings: Any,
    form: dict[str, Any],
    context: dict[str, Any],
    answers: Any = None,
) -> None:
    org, text, themes = form["org"].strip(), form["text"], form["themes"]
    clusters, k, instrument = form["clusters"], form["k"], form["instrument"]
    if org:
        context["partners"] = match_service.match_partners(
            db, models, org, themes or text, clusters, k, form["include_synthetic"], answers
        )
        context["map_url"] = "/maps/match?" + urlencode(
            {
                "org": context["partners"].org.id,
                "theme": themes or text or "",
                "clusters": ",".join(clusters),
                "k": k,
            }
        )
    elif text or themes:
        call = m.CallRequest(
            text=text or None,
            themes=split_ids(themes),
            clusters=clusters,
            instrument=instrument or None,
            k=k,
            international=form["international"],
            include_synthetic=form["include_synthetic"],
        )
        context["result"] = match_service.match_call(db, models, settings, call)
        context["map_url"] = "/maps/call?" + urlencode(
            {
                "text": text or "",
                "themes": themes or "",
                "clusters": ",".join(clusters),
                "instrument": instrument or "",
                "k": k,
            }
        )


# -- overlap heatmap -----------------------------------------------------------------------------
@router.get("/ui/overlaps", response_class=HTMLResponse)
def overlaps_page(
    request: Request,
    db: DbDep,
    answers: AnswersDep,
    settings: SettingsDep,
    me: Viewer,
    type: m.ClusterType | None = None,
    measure: Annotated[str, Query(pattern="^(shared|jaccard|overlap_coefficient)$")] = "jaccard",
):
    def render() -> HTMLResponse:
        matrix = data.overlap_matrix(db, type, 1, reveal_from(me, settings), names=10)
        cells = {}
        for p in matrix.pairs:
            cells[(p.a, p.b)] = cells[(p.b, p.a)] = p
        values = [getattr(p, measure) or 0 for p in matrix.pairs]
        return page(
            request,
            "overlaps.html",
            me,
            title="Overlap heatmap",
            matrix=matrix,
            cells=cells,
            measure=measure,
            top=max(values, default=0) or 1,
            type=type or "",
            min_group_size=settings.min_group_size,
        )

    return kept_page(request, db, answers, me, ("overlaps_page", type, measure), render)


# -- maps ----------------------------------------------------------------------------------------
@router.get("/ui/maps", response_class=HTMLResponse)
def maps_page(request: Request, db: DbDep, me: Viewer):
    return page(
        request,
        "maps.html",
        me,
        title="Maps",
        maps=map_service.map_list(),
        clusters=data.cluster_refs(db),
    )


# -- Cypher --------------------------------------------------------------------------------------
@router.get("/ui/cypher", response_class=HTMLResponse)
def cypher_page(
    request: Request,
    db: DbDep,
    me: Analyst,
    name: Annotated[str | None, Query(max_length=80)] = None,
):
    query, params = catalog.load("list_cluster_names"), "{}"
    if name:  # the parameters: real values of this graph (the query's pick), not placeholders
        q = library.get(name)
        query = q.statement
        params = json.dumps(plain(library.examples(db, q)), ensure_ascii=False)
    return page(
        request,
        "cypher.html",
        me,
        title="Cypher",
        query=query,
        params=params,
        library=library.library().values(),
    )


@router.post("/ui/cypher", response_class=HTMLResponse)
async def cypher_run(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    me: Analyst,
    analysts: AnalystsDep,
    query: Annotated[str, Form(max_length=50_000)],
    params: Annotated[str, Form(max_length=50_000)] = "{}",
):
    context: dict[str, Any] = {
        "query": query,
        "params": params,
        "library": library.library().values(),
    }
    try:
        parameters = json.loads(params or "{}")
        if not isinstance(parameters, dict):
            raise InvalidInput("The parameters must be a JSON object.")
        check_parameters(parameters)
        result = await on_analyst_pool(
            analysts, me, lambda: read_only(db, settings, query, parameters)
        )
    except ValueError:
        return page(
            request,
            "cypher.html",
            me,
            400,
            title="Cypher",
            **context,
            error="The parameters are not valid JSON.",
        )
    except (QueryRefused, QueryFailed, InvalidInput) as e:
        return page(request, "cypher.html", me, 400, title="Cypher", **context, error=str(e))
    return page(
        request,
        "cypher.html",
        me,
        title="Cypher",
        **context,
        result=result,
        rows=result.rows,
        row_limit=settings.cypher_row_limit,
        byte_limit=settings.cypher_max_bytes,
    )
