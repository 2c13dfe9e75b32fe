"""The worksheet page, scoring through the page (plain form and JSON), the quality-review pages
and one answer's history."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.evaluation import worksheet as ws
from apps.evaluation.models import Answer, AnswerEvidence, Evaluation, EvaluationStatus
from tests.evaluation.test_worksheet import _answers, _fill, _start, _top

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")  # the tests read the English msgids
    client.force_login(user)
    return client


def _page(evaluation: Evaluation) -> str:
    return reverse("evaluation:worksheet", args=[evaluation.code])


def _score_url(answer: Answer) -> str:
    return reverse("evaluation:answer_score", args=[answer.code])


def test_the_worksheet_lists_every_criterion_with_live_totals(cast, round_world):
    evaluation = _start(round_world.opd1)
    first = _answers(evaluation)[0]
    Answer.objects.filter(pk=first.pk).update(
        self_label="Y", self_value=1, self_note="SK Bupati 2025", proposed_label="Y"
    )
    AnswerEvidence.objects.create(
        pemda=cast.pemda, answer=first, link="/perencanaan/renstra/", label="Renstra 2025"
    )
    response = _client(cast.evaluator).get(_page(evaluation))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-answer="') == 80
    assert html.count('class="ws-form"') == 80  # the assigned evaluator scores
    assert "SK Bupati 2025" in html and 'href="/perencanaan/renstra/"' in html
    assert 'id="ws-total">0,00<' in html
    assert 'id="ws-self-total">1,00 · D<' in html  # 1a.1 = 1/6 × 6
    assert 'id="ws-labels" type="application/json"' in html
    assert not re.search(r"<script(?![^>]*(src=|application/json))", html)  # strict CSP

    # A reader sees the values, without forms; a component filter shows only that component.
    response = _client(cast.viewer).get(_page(evaluation) + "?component=3")
    html = response.content.decode()
    assert 'class="ws-form"' not in html
    assert html.count('data-answer="') == 22  # 6 + 9 + 7 criteria in Pelaporan Kinerja
    assert 'id="ws-total">' in html


def test_an_unassigned_evaluator_gets_404_on_the_page_and_the_answers(cast, round_world):
    evaluation = _start(round_world.opd2)
    client = _client(cast.evaluator)
    assert client.get(_page(evaluation)).status_code == 404
    answer = _answers(evaluation)[0]
    assert client.post(_score_url(answer), {"label": "Y", "version": 1}).status_code == 404
    assert Answer.objects.get(pk=answer.pk).version == 1


def test_scoring_through_json_returns_the_new_totals(cast, round_world):
    evaluation = _start(round_world.opd1)
    answer = _answers(evaluation)[0]  # 1a.1, weight 6 / 6 criteria
    client = _client(cast.evaluator)
    response = client.post(_score_url(answer), {"label": "Y", "note": "", "version": 1}, **JSON)
    assert response.status_code == 200
    body = response.json()
    assert body["answer"]["version"] == 2 and body["answer"]["label"] == "Y"
    assert body["totals"]["total"] == "1,00"
    assert body["totals"]["components"]["1"]["subs"]["a"]["score"] == "1,00"
    assert body["totals"]["answered"] == 1

    # A second person with the old version gets the first one's value, not an overwrite.
    response = _client(cast.lead).post(
        _score_url(answer), {"label": "T", "note": "Tidak ada", "version": 1}, **JSON
    )
    assert response.status_code == 409
    assert response.json()["current"]["label"] == "Y"
    assert response.json()["current"]["version"] == 2

    # A value not on the scale: 400 with the reason, nothing changed.
    response = client.post(_score_url(answer), {"label": "B", "version": 2}, **JSON)
    assert response.status_code == 400
    assert response.json()["errors"] == ["B is not an answer of this criterion (allowed: Y, T)."]
    assert Answer.objects.get(pk=answer.pk).label == "Y"


def test_a_score_shows_on_the_page_at_once_though_the_page_was_cached(cast, round_world):
    evaluation = _start(round_world.opd1)
    answer = _answers(evaluation)[0]
    client = _client(cast.evaluator)
    assert '<span id="ws-answered">0</span>' in client.get(_page(evaluation)).content.decode()
    assert '<span id="ws-answered">0</span>' in client.get(_page(evaluation)).content.decode()
    client.post(_score_url(answer), {"label": "Y", "note": "", "version": 1}, **JSON)
    assert '<span id="ws-answered">1</span>' in client.get(_page(evaluation)).content.decode()


def test_the_plain_form_scores_and_redirects_back_to_the_row(cast, round_world):
    evaluation = _start(round_world.opd1)
    answer = _answers(evaluation)[0]
    client = _client(cast.evaluator)
    response = client.post(_score_url(answer), {"label": "T", "note": "", "version": 1})
    assert response.status_code == 302
    assert response["Location"] == f"{_page(evaluation)}#a-{answer.code}"
    assert Answer.objects.get(pk=answer.pk).label == "T"
    # Stale: the message shows what is saved.
    response = client.post(
        _score_url(answer), {"label": "Y", "note": "", "version": 1}, follow=True
    )
    assert "Saved value: T" in response.content.decode()
    assert Answer.objects.get(pk=answer.pk).label == "T"


def test_the_page_posts_back_a_version_of_a_thousand_and_more_as_a_plain_number(cast, round_world):
    evaluation = _start(round_world.opd1)
    answer = _answers(evaluation)[0]
    Answer.objects.filter(pk=answer.pk).update(version=1234)
    client = Client()  # Indonesian: 1234 would read "1.234" if the number were localised
    client.force_login(cast.evaluator)
    html = client.get(_page(evaluation)).content.decode()
    row = html[html.index(f'data-row="{answer.code}"') :]
    version = re.search(r'name="version" value="([^"]*)"', row).group(1)
    assert version == "1234"
    response = client.post(_score_url(answer), {"label": "T", "note": "", "version": version})
    assert response.status_code == 302
    assert Answer.objects.get(pk=answer.pk).label == "T"


def test_accept_the_proposal_through_the_page(cast, round_world):
    evaluation = _start(round_world.opd1)
    answer = _answers(evaluation)[2]
    Answer.objects.filter(pk=answer.pk).update(
        proposed_label="Y", proposed_value=1, proposed_note="Renstra disahkan 2025"
    )
    url = reverse("evaluation:answer_accept", args=[answer.code])
    response = _client(cast.evaluator).post(url, {"source": "proposal", "version": 1}, **JSON)
    assert response.status_code == 200
    answer.refresh_from_db()
    assert (answer.label, answer.note) == ("Y", "Renstra disahkan 2025")


def test_review_finalise_and_the_final_grade_on_the_page(cast, round_world):
    evaluation = _start(round_world.opd1)
    _fill(evaluation, _top)
    evaluator, lead = _client(cast.evaluator), _client(cast.lead)
    review = reverse("evaluation:evaluation_review", args=[evaluation.code])
    assert evaluator.post(review, {"version": evaluation.version}).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.REVIEW

    finalise = reverse("evaluation:evaluation_finalise", args=[evaluation.code])
    page = lead.get(finalise).content.decode()
    assert 'id="fin-score">100,00<' in page and "AA (Sangat Memuaskan)" in page
    response = lead.post(finalise, {"version": evaluation.version, "summary": ""})
    assert response.status_code == 200
    assert "Write the summary of the evaluation." in response.content.decode()
    response = lead.post(
        finalise, {"version": evaluation.version, "summary": "SAKIP sangat baik."}, follow=True
    )
    html = response.content.decode()
    assert 'id="final-grade"' in html and "<strong>AA</strong>" in html
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.grade) == ("final", "AA")

    # The final evaluation refuses a score with the reason.
    answer = _answers(evaluation)[0]
    response = evaluator.post(_score_url(answer), {"label": "T", "note": "x", "version": 2}, **JSON)
    assert response.status_code == 400
    assert response.json()["errors"] == ["The evaluation is final: reopen it first."]

    # Reopening needs a note; with one, the evaluation is back in review.
    reopen = reverse("evaluation:evaluation_reopen", args=[evaluation.code])
    response = lead.post(reopen, {"version": evaluation.version, "note": ""}, follow=True)
    assert "Please write a note" in response.content.decode()
    assert Evaluation.objects.get(pk=evaluation.pk).status == "final"
    lead.post(reopen, {"version": evaluation.version, "note": "Koreksi"})
    assert Evaluation.objects.get(pk=evaluation.pk).status == "review"


def test_review_with_missing_scores_is_refused_on_the_page(cast, round_world):
    evaluation = _start(round_world.opd1)
    review = reverse("evaluation:evaluation_review", args=[evaluation.code])
    response = _client(cast.evaluator).post(review, {"version": 1}, follow=True)
    assert "80 criteria are not scored yet" in response.content.decode()
    assert Evaluation.objects.get(pk=evaluation.pk).status == "evaluation"


def test_the_history_page_lists_every_value_with_who_and_when(cast, round_world):
    evaluation = _start(round_world.opd1)
    answer = _answers(evaluation)[0]
    client = _client(cast.evaluator)
    client.post(_score_url(answer), {"label": "Y", "version": 1})
    client.post(_score_url(answer), {"label": "T", "note": "Pedoman belum ada", "version": 2})
    url = reverse("evaluation:answer_history", args=[answer.code])
    html = _client(cast.viewer).get(url).content.decode()
    table = html[html.index('id="answer-history"') :]
    assert table.count("<tr>") == 3  # header, Y, T (the world's answers were bulk-created)
    assert "Pedoman belum ada" in table and "evaluator" in table


def _page_queries(client, evaluation) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(_page(evaluation)).status_code == 200
    return len(ctx.captured_queries)


def test_the_page_takes_the_same_queries_at_two_sizes(cast, round_world):
    from tests.evaluation.conftest import build_round

    client = _client(cast.evaluator)
    Evaluation.objects.filter(pk__in=[round_world.opd2.pk, round_world.pemda.pk]).delete()
    small = _page_queries(client, _start(round_world.opd1))

    other = build_round(cast, year=2027)  # three evaluations, all answered, with evidence
    evaluation = _start(other.opd1)
    _fill(evaluation, _top)
    AnswerEvidence.objects.bulk_create(
        [
            AnswerEvidence(pemda=cast.pemda, answer=a, link=f"/x/{a.pk}/", label="Bukti")
            for a in _answers(evaluation)
        ]
    )
    ws.answer_score(actor=cast.evaluator, answer=_answers(evaluation)[0], label="Y")
    assert _page_queries(client, evaluation) == small
