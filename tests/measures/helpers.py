"""What the concept's tests share: finding the demo concept, a CSRF token,
starting a status round and reading the personal link from its mail."""
import re

from tests.conftest import deliver


def concept_path(client):
    """The path of the newest concept listed at /concept/ (the demo's)."""
    return re.search(r'href="http://localhost(/concept/[^/"]+/)"',
                     client.get("/concept/").text).group(1)


def csrf(client, url):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).text).group(1)


def start_round(admin, concept, year):
    """Start the status round of ``year`` as the coordinator; its path."""
    url = concept + "start-round"
    admin.post(url, {"csrf_token": csrf(admin, url), "year": str(year),
                     "__start__": "deadline:mapping", "date": f"{year + 1}-01-31",
                     "__end__": "deadline:mapping", "save": "save"}, status=303)
    return concept + f"rounds/{year}/"


def answer_links(settings, smtp_server):
    """{text of the mail: path of its personal link} of every round mail delivered."""
    links = {}
    for _from, _to, message in deliver(settings, smtp_server):
        text = message.get_body(("plain",)).get_content()
        found = re.search(r"http://localhost(\S+/answer/\S+)", text)
        if found:
            links[text] = found.group(1)
    return links
