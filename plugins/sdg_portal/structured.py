"""schema.org JSON-LD for article pages: a ``NewsArticle`` about its goals and targets.

Goals and targets are named by the UN's common SDG identifiers, the
``http://metadata.un.org/sdg/<code>`` IRIs of the SDG Knowledge Organization System
(goal ``.../sdg/8``, target ``.../sdg/8.7``).
"""

from __future__ import annotations

UN_SDG_IRI = "http://metadata.un.org/sdg/"


def sdg_iri(code: str) -> str:
    return UN_SDG_IRI + code


def _defined_term(node) -> dict:
    name = f"SDG {node.code}: {node.short}" if node.kind == "goal" else f"Target {node.code}: {node.title}"
    return {
        "@type": "DefinedTerm",
        "@id": sdg_iri(node.code),
        "termCode": node.code,
        "name": name,
        "inDefinedTermSet": UN_SDG_IRI,
    }


def article_jsonld(article, settings: dict, framework) -> dict:
    siteurl = settings.get("SITEURL", "")
    url = f"{siteurl}/{article.url}"
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": str(article.title),
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.date.isoformat(),
        "publisher": {"@type": "Organization", "name": settings.get("SITENAME", "")},
    }
    modified = getattr(article, "modified", None)
    if modified:
        data["dateModified"] = modified.isoformat()
    summary = article.metadata.get("sdg_summary", article.metadata.get("summary"))
    if summary:
        data["description"] = str(summary)
    source = getattr(article, "source", None)
    if isinstance(source, dict):
        if source.get("url"):
            data["isBasedOn"] = str(source["url"])
        if source.get("name"):
            data["sourceOrganization"] = {"@type": "Organization", "name": str(source["name"])}
    authors = [str(a) for a in getattr(article, "authors", ()) or ()]
    if authors:
        data["author"] = [{"@type": "Person", "name": a} for a in authors]
    image = getattr(article, "image", None)
    if isinstance(image, str) and image:
        data["image"] = image if image.startswith(("http://", "https://")) else f"{siteurl}/{image}"
    tags = [str(t) for t in getattr(article, "tags", ())]
    if tags:
        data["keywords"] = tags
    data["about"] = [_defined_term(framework[code]) for code in (*article.sdg.goal_codes, *article.sdg.target_codes)]
    return data
