"""Documents on agenda items: the plain upload form, size and type checks, downloads.

The size limit comes from ``roundtable.max_upload_mb``; this module runs the
app with 1 MB so the oversized upload stays small.
"""
import pytest

from roundtable.meetings.schemas import check_upload
from tests.conftest import make_settings
from tests.meetings.helpers import PDF, create_meetings, opened

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
DOCX = b"PK\x03\x04" + b"\x00" * 64


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path, **{"roundtable.max_upload_mb": "1"})


@pytest.fixture
def urls(db):
    return create_meetings(db)


def upload(client, path, filename, data, content_type, title="", status=None):
    form = [f for f in client.get(path + "upload").forms.values() if f.action.endswith("/upload")][0]
    form["upload"] = (filename, data, content_type)
    form["title"] = title
    return form.submit(status=status, expect_errors=status is None)


def documents(db, item_path):
    with opened(db, item_path) as item:
        return sorted(item.keys())


def test_upload_and_download(chair, anonymous, urls, db):
    item = urls["sb"] + "agenda/top-1/"
    response = upload(chair, item, "Einladung März.pdf", PDF, "application/pdf",
                      title="Einladung mit Anfahrt", status=303)
    assert response.location.endswith(urls["sb"] + "#top-1")
    assert "Dokument „Einladung mit Anfahrt“ hinzugefügt." in response.follow().text
    assert documents(db, item) == ["einladung-maerz.pdf"]
    page = anonymous.get(urls["sb"]).text
    assert 'href="http://localhost' + item + 'einladung-maerz.pdf"' in page
    assert "Einladung mit Anfahrt" in page and "(PDF, 1 KB)" in page
    download = anonymous.get(item + "einladung-maerz.pdf")
    assert download.body == PDF
    assert download.content_type == "application/pdf"
    assert download.headers["Content-Disposition"] == (
        "inline; filename=\"Einladung M?rz.pdf\"; filename*=UTF-8''Einladung%20M%C3%A4rz.pdf")
    # a second file of the same name gets its own address
    upload(chair, item, "Einladung März.pdf", PDF, "application/pdf", status=303)
    assert documents(db, item) == ["einladung-maerz-2.pdf", "einladung-maerz.pdf"]


@pytest.mark.parametrize("filename, data, content_type", [
    ("bild.png", PNG, "image/png"),
    ("foto.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "image/jpeg"),
    ("protokoll.docx", DOCX, "application/octet-stream"),  # the browser did not know the type
])
def test_allowed_types(chair, urls, db, filename, data, content_type):
    item = urls["sb"] + "agenda/top-3/"
    upload(chair, item, filename, data, content_type, status=303)
    assert len(documents(db, item)) == 2
    name = [n for n in documents(db, item) if n != "bericht.pdf"][0]
    download = chair.get(item + name)
    assert download.body == data
    if filename.endswith(".docx"):
        assert download.content_type == ("application/vnd.openxmlformats-officedocument."
                                         "wordprocessingml.document")
        assert download.headers["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("filename, data, content_type, message", [
    ("gross.pdf", b"%PDF-" + b"x" * (1024 * 1024), "application/pdf",
     "Die Datei ist zu groß (höchstens 1 MB)."),
    ("setup.exe", b"MZ\x90\x00" * 10, "application/x-msdownload",
     "Dieser Dateityp ist nicht erlaubt. Erlaubt sind PDF, DOCX, ODT, PNG und JPEG."),
    ("seite.html", b"<script>alert(1)</script>", "text/html",
     "Dieser Dateityp ist nicht erlaubt."),
    ("getarnt.pdf", b"<html><script>alert(1)</script></html>", "application/pdf",
     "Der Inhalt der Datei passt nicht zu ihrer Endung (.pdf)."),
    ("bild.pdf", PNG, "image/png", "Dieser Dateityp ist nicht erlaubt."),
    ("leer.pdf", b"", "application/pdf", "Die Datei ist leer."),
])
def test_refused_uploads_store_nothing(chair, urls, db, filename, data, content_type, message):
    item = urls["sb"] + "agenda/top-1/"
    response = upload(chair, item, filename, data, content_type)
    assert response.status_int == 400
    assert message in response.text
    assert 'role="alert"' in response.text
    assert documents(db, item) == []


def test_upload_without_a_file(chair, urls, db):
    item = urls["sb"] + "agenda/top-1/"
    form = [f for f in chair.get(item + "upload").forms.values() if f.action.endswith("/upload")][0]
    response = form.submit(expect_errors=True)
    assert response.status_int == 400 and "Bitte wählen Sie eine Datei aus." in response.text
    assert documents(db, item) == []


def test_only_editors_upload_and_delete(clients, urls, db):
    from webtest import Upload

    from tests.meetings.helpers import csrf_token

    item = urls["sb"] + "agenda/top-3/"
    # an anonymous refusal looks like a missing page (issue 13), a member's is a 403
    for role, refused in (("anonymous", 404), ("member", 403)):
        client = clients[role]
        response = client.post(item + "upload", {"csrf_token": csrf_token(client),
                                                 "upload": Upload("x.pdf", PDF, "application/pdf")},
                               expect_errors=True)
        assert response.status_int == refused, role
        response = client.post(item + "bericht.pdf/delete", {"csrf_token": csrf_token(client)},
                               expect_errors=True)
        assert response.status_int == refused, role
    assert documents(db, item) == ["bericht.pdf"]
    chair = clients["chair"]
    chair.post(item + "bericht.pdf/delete", {"csrf_token": csrf_token(chair)}, status=303)
    assert documents(db, item) == []


def test_check_upload_rules():
    assert check_upload("a.pdf", "application/pdf", 10, head=b"%PDF-1.7") is None
    assert check_upload("a.PDF", "application/pdf; charset=binary", 10, head=b"%PDF-1.7") is None
    assert check_upload("a.jpg", "image/jpg", 10, head=b"\xff\xd8\xff\xe0") is None
    assert check_upload("a.pdf", "application/pdf", 21 * 1024 * 1024) is not None
    assert check_upload("a", "application/pdf", 10) is not None
    assert check_upload("a.pdf.exe", "application/pdf", 10) is not None
