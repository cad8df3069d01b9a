"""Playing the demo: questions, answers stored once, feedback, resuming, results."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from quizapp.db import get_session
from quizapp.models import Attempt, Question
from quizapp.services.corpus import CHOICE_KINDS, PLAYABLE_KINDS
from quizapp.services.play import format_score
from quizapp.services.timeline import pairs_in_order

if TYPE_CHECKING:
    from tests.quizapp.conftest import DemoQuestion


def question_url(token: str, position: int) -> str:
    return f"/play/{token}/q/{position}"


def wrong_choice(question: DemoQuestion) -> int:
    return (question.answer_index + 1) % len(question.option_texts)


def test_demo_set_has_ten_questions_with_timelines_among_them(
    demo_set: list[DemoQuestion],
) -> None:
    assert len(demo_set) == 10
    kinds = {q.kind for q in demo_set}
    assert kinds <= PLAYABLE_KINDS
    assert "timeline" in kinds and len(kinds - {"timeline"}) >= 3
    for question in demo_set:
        if question.is_timeline:
            assert question.answer_index is None
            assert 4 <= len(question.option_texts) <= 6
            assert sorted(question.answer_order) == list(range(len(question.option_texts)))
        else:
            assert question.kind in CHOICE_KINDS
            assert len(question.option_texts) == 4
            assert question.answer_order is None


def shown_order(page: str) -> list[int]:
    """Return the card order a timeline page shows (its hidden order field)."""
    found = re.search(r'name="order" value="([0-9,]+)"', page)
    assert found, "a timeline page carries its order in a hidden field"
    return [int(card) for card in found.group(1).split(",")]


def test_full_play_through_scores_the_actual_answers(
    client: FlaskClient,
    join: Callable[..., str],
    demo_set: list[DemoQuestion],
    get_attempt: Callable[[str], Attempt],
) -> None:
    token = join()
    expected_score = 0.0
    timelines = 0
    for position, question in enumerate(demo_set, start=1):
        assert client.get(f"/play/{token}").location == question_url(token, position)
        shown = client.get(question_url(token, position))
        assert shown.status_code == 200
        page = shown.get_data(as_text=True)
        if question.is_timeline:
            # The first timeline is put right; the next has its two earliest events swapped,
            # which leaves all pairs but one in order.
            first = shown_order(page)
            assert sorted(first) == sorted(question.answer_order) and first != question.answer_order
            right_order = question.answer_order
            swapped = [right_order[1], right_order[0], *right_order[2:]]
            order = right_order if timelines == 0 else swapped
            timelines += 1
            right_pairs, pairs = pairs_in_order(order, question.answer_order)
            expected_score += right_pairs / pairs
            data = {"order": ",".join(map(str, order)), "action": "submit"}
            response = client.post(question_url(token, position), data=data)
            assert response.status_code == 303
        else:
            right = position % 3 != 0  # a mix of right and wrong answers
            choice = question.answer_index if right else wrong_choice(question)
            expected_score += right
            response = client.post(question_url(token, position), data={"choice": str(choice)})
            assert response.status_code == 302
        assert response.location == f"{question_url(token, position)}/feedback"
        page = client.get(response.location).get_data(as_text=True)
        if question.is_timeline:
            pattern = r'<h1 class="verdict[^"]*">(\d+) of (\d+) pairs in order</h1>'
            verdict = re.search(pattern, page)
            assert verdict and (int(verdict[1]), int(verdict[2])) == (right_pairs, pairs)
            for card in question.answer_order:
                assert str(escape(question.option_texts[card])) in page
        else:
            verdict = re.search(r'<h1 class="verdict[^"]*">(Correct|Incorrect)</h1>', page)
            assert verdict and verdict.group(1) == ("Correct" if right else "Incorrect")
            assert str(escape(question.option_texts[question.answer_index])) in page
        last = position == len(demo_set)
        assert ("See results" if last else "Next question") in page
    assert timelines >= 2, "the demo plays at least two timelines, one right and one not"
    assert not expected_score.is_integer(), "the unsolved timeline earns partial credit"
    results = client.get(f"/play/{token}")
    assert results.location == f"/play/{token}/results"
    page = client.get(results.location).get_data(as_text=True)
    assert "<h1>Your results</h1>" in page
    assert f"<strong>{format_score(expected_score)} of 10</strong>" in page
    assert page.count('class="review-item ') == 10
    assert page.count("Read the source<span") == 10
    attempt = get_attempt(token)
    assert attempt.finished is not None
    assert sum(r.score for r in attempt.responses) == pytest.approx(expected_score)
    assert all(r.time_taken is not None and r.time_taken >= 0 for r in attempt.responses)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"choice": ""},
        {"choice": "abc"},
        {"choice": "4"},
        {"choice": "99"},
        {"choice": "-1"},
        {"choice": "1.0"},
        {"choice": "0x1"},
        {"choice": "١"},  # an Arabic-Indic digit: int() would take it, we do not
    ],
)
def test_missing_or_tampered_choice_is_refused_and_nothing_is_stored(
    client: FlaskClient,
    join: Callable[..., str],
    count_responses: Callable[[], int],
    data: dict[str, str],
) -> None:
    token = join()
    response = client.post(question_url(token, 1), data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Choose one of the answers" in page
    assert 'aria-describedby="' in page and 'id="choice-error"' in page
    assert count_responses() == 0


def test_double_submit_counts_once(
    client: FlaskClient,
    join: Callable[..., str],
    demo_set: list[DemoQuestion],
    get_attempt: Callable[[str], Attempt],
) -> None:
    token = join()
    first = demo_set[0]
    client.post(question_url(token, 1), data={"choice": str(first.answer_index)})
    again = client.post(question_url(token, 1), data={"choice": str(wrong_choice(first))})
    assert again.status_code == 302
    assert again.location == f"{question_url(token, 1)}/feedback"
    responses = get_attempt(token).responses
    assert len(responses) == 1
    assert responses[0].answer_given == first.answer_index and responses[0].correct


def test_reload_resumes_at_the_first_unanswered_question(
    client: FlaskClient, join: Callable[..., str], demo_set: list[DemoQuestion]
) -> None:
    token = join()
    for position in (1, 2):
        client.post(question_url(token, position), data={"choice": "0"})
    assert client.get(f"/play/{token}").location == question_url(token, 3)
    # An answered question shows its feedback; a later one sends back to the current one.
    assert client.get(question_url(token, 1)).location == f"{question_url(token, 1)}/feedback"
    assert client.get(question_url(token, 5)).location == question_url(token, 3)
    assert client.get(f"{question_url(token, 4)}/feedback").location == question_url(token, 3)
    assert client.get(f"/play/{token}/results").location == question_url(token, 3)
    assert "Question 3 of 10" in client.get(question_url(token, 3)).get_data(as_text=True)


def test_answering_ahead_is_not_stored(
    client: FlaskClient, join: Callable[..., str], count_responses: Callable[[], int]
) -> None:
    token = join()
    response = client.post(question_url(token, 4), data={"choice": "0"})
    assert response.location == question_url(token, 1)
    assert count_responses() == 0


@pytest.mark.parametrize("path", ["/play/{token}/q/0", "/play/{token}/q/11", "/play/nope/q/1"])
def test_unknown_positions_and_tokens_are_not_found(
    client: FlaskClient, join: Callable[..., str], path: str
) -> None:
    token = join()
    assert client.get(path.format(token=token)).status_code == 404


def test_unknown_token_is_not_found(client: FlaskClient) -> None:
    assert client.get("/play/" + "x" * 32).status_code == 404
    assert client.get("/play/" + "x" * 32 + "/results").status_code == 404


def test_feedback_shows_the_evidence_and_links_to_the_source(
    client: FlaskClient, join: Callable[..., str], demo_set: list[DemoQuestion]
) -> None:
    token = join()
    client.post(question_url(token, 1), data={"choice": str(demo_set[0].answer_index)})
    page = client.get(f"{question_url(token, 1)}/feedback").get_data(as_text=True)
    assert re.search(r"<blockquote>\s*<p>[^<]*<mark>[^<]+</mark>", page)
    link = re.search(r'<a href="(/articles/[^"#]+#p-(\d+))">Read the source</a>', page)
    assert link, "a link named Read the source, anchored at the paragraph"
    article = client.get(link.group(1).split("#")[0]).get_data(as_text=True)
    assert f'id="p-{link.group(2)}"' in article
    assert re.search(r'action="/play/[^"]+/q/2"', page)


def test_a_wrong_speaker_shows_where_that_speaker_is_quoted(
    client: FlaskClient, app: Flask, join: Callable[..., str], demo_set: list[DemoQuestion]
) -> None:
    position = next(i for i, q in enumerate(demo_set, start=1) if q.kind == "who_said")
    target, other = demo_set[position - 1], demo_set[position % len(demo_set)]
    wrong = wrong_choice(target)
    with app.app_context():
        # Give the distractor evidence of its own: another question's quotation.
        db = get_session()
        source = db.get(Question, other.id)
        question = db.get(Question, target.id)
        options = [dict(option) for option in question.options]
        options[wrong]["evidence"] = {
            "document": source.evidence_document_id,
            "paragraph": source.evidence_paragraph,
            "start": source.evidence_start,
            "end": source.evidence_end,
        }
        question.options = options
        outlet = source.evidence_document.outlet
        db.commit()
    token = join()
    for earlier in range(1, position):
        client.post(question_url(token, earlier), data={"choice": "0"})
    client.post(question_url(token, position), data={"choice": str(wrong)})
    page = client.get(f"{question_url(token, position)}/feedback").get_data(as_text=True)
    assert "Incorrect" in page
    assert f"That speaker, {escape(target.option_texts[wrong])}" in page
    assert f"is quoted in {escape(outlet)}" in page
    assert page.count("<mark>") >= 2
    assert "Read where your answer comes from</a>" in page


def test_time_taken_runs_from_showing_the_question(
    client: FlaskClient,
    join: Callable[..., str],
    demo_set: list[DemoQuestion],
    get_attempt: Callable[[str], Attempt],
) -> None:
    token = join()
    client.get(question_url(token, 1))
    client.post(question_url(token, 1), data={"choice": "0"})
    client.post(question_url(token, 2), data={"choice": "0"})  # never shown: not timed
    taken = {r.question_id: r.time_taken for r in get_attempt(token).responses}
    first, second = taken[demo_set[0].id], taken[demo_set[1].id]
    assert first is not None and 0 <= first < 60
    assert second is None


def test_an_answer_needs_the_question_pages_csrf_token(
    app: Flask, client: FlaskClient, join: Callable[..., str], count_responses: Callable[[], int]
) -> None:
    token = join("Ada")
    app.config["WTF_CSRF_ENABLED"] = True
    path = f"/play/{token}/q/1"
    page = client.get(path).get_data(as_text=True)
    csrf = re.search(r'<input type="hidden" name="csrf_token" value="([^"]+)">', page)
    assert csrf, "the question's form carries a CSRF token"

    refused = client.post(path, data={"choice": "0", "csrf_token": csrf[1] + "x"})
    assert refused.status_code == 400
    assert count_responses() == 0
    missing = client.post(path, data={"choice": "0"})
    assert missing.status_code == 400
    assert count_responses() == 0

    accepted = client.post(path, data={"choice": "0", "csrf_token": csrf[1]})
    assert accepted.status_code == 302
    assert count_responses() == 1
