"""Walk the whole OParl API as an anonymous client, as a consumer would:
from the entry URL along every URL the answers contain (lists page by page).
"""
BASE = "http://localhost/oparl/v1/"


def urls_in(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from urls_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from urls_in(v)
    elif isinstance(value, str) and value.startswith(BASE):
        yield value


def objects_in(value):
    """Every OParl object in an answer, embedded ones included."""
    if isinstance(value, dict):
        if str(value.get("type", "")).startswith("https://schema.oparl.org/"):
            yield value
        for v in value.values():
            yield from objects_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from objects_in(v)


def crawl(testapp, start=BASE, query=""):
    """{url: JSON} of every answer reachable from ``start``; fails on a non-200."""
    answers, todo = {}, [start + query]
    while todo:
        url = todo.pop()
        if url in answers:
            continue
        response = testapp.get(url.replace("http://localhost", ""))
        assert response.status_int == 200, (url, response.text[:300])
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        answers[url] = response.json
        todo += [u for u in urls_in(response.json) if u not in answers]
    return answers
