"""The concept's forms and the spreadsheet import under generated input (the
harness of tests/fuzz): never a 5xx, never markup echoed unescaped, a refused
post stores nothing."""
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import texts
from tests.fuzz.test_forms import FUZZ, PROTECTED, check_post, fuzz_form, fuzz_upload, the_form
from tests.measures.helpers import answer_links, concept_path, csrf, start_round

YEAR = date.today().year - 1


def test_every_concept_form_refuses_or_stores_cleanly(admin, db):
    concept = concept_path(admin)
    measure = concept + "3-1-1/"
    report = concept + f"reports/{YEAR}/"
    # a published report cannot be edited: its introduction's form is the draft's
    admin.post(report + "withdraw", {"csrf_token": csrf(admin, report)}, status=303).follow()
    for path in ("/concept/add", "/concept/add-unit", concept + "edit", concept + "add-field",
                 concept + "add-goal", concept + "add-measure", concept + "start-round",
                 concept + "revise", measure + "edit", measure + "status",
                 measure + "indicator", measure + "add-value",
                 report + "edit"):
        try:
            fuzz_form(admin, db, path)
        except Exception as exc:
            raise AssertionError(f"admin on {path}: {exc}") from exc


def test_spreadsheet_import_refuses_or_stores_cleanly(admin, db):
    fuzz_upload(admin, db, concept_path(admin) + "import")


def test_answer_form_by_link_refuses_or_stores_cleanly(admin, anonymous, db, settings,
                                                       smtp_server):
    start_round(admin, concept_path(admin), YEAR + 1)
    path = next(iter(answer_links(settings, smtp_server).values()))
    form = the_form(anonymous, path, field=next(
        n for n in anonymous.get(path).forms["answer-form"].fields if n and n.endswith("-status")))
    fields = form.submit_fields("save")

    @FUZZ
    @given(data=st.data())
    def post(data):
        params, posted = [], []
        for name, value in fields:
            if name in PROTECTED or name == "save":
                params.append((name, value))
            elif data.draw(st.booleans()):
                value = data.draw(texts)
                posted.append(value)
                params.append((name, value))
            else:
                params.append((name, value))
        check_post(anonymous, db, path, params, posted)

    post()
