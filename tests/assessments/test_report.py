"""The feedback report: scores, change since the last round, suppressed averages, recommendations, PDF."""

import contextlib
import re
import zlib
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from assessments.models import Round
from assessments.report import MIN_GROUP_SIZE, SUPPRESSED, build_report
from taxonomy.models import Principle
from tests.assessments.factories import submitted_assessment
from tests.resources.factories import InterventionPageFactory
from tests.schools.factories import SchoolFactory

pytestmark = pytest.mark.django_db

# Session and user (4 with permissions), school, assessment, previous round, scores, averages, principles,
# private pages, the school's survey results, 3 kinds of recommendations, mark-as-sent check, messages: the
# same for any number of schools.
QUERIES_REPORT = 20


def report_url(assessment, name="report"):
    return reverse(f"portal:assessments:{name}", args=[assessment.school.urn, assessment.pk])


def others(count, phase="Primary", round=Round.BASELINE, default=2):
    """Submitted assessments of `count` other schools in `phase`."""
    return [submitted_assessment(SchoolFactory(phase=phase), round=round, default=default) for _ in range(count)]


def row(report, number):
    return next(r for r in report.rows if r.principle.number == number)


def test_min_group_size_is_five():
    assert MIN_GROUP_SIZE == 5


def test_averages_of_four_schools_are_never_shown(school, framework):
    assessment = submitted_assessment(school, default=4)
    others(3)
    report = build_report(assessment)
    assert row(report, 1).borough.schools == 4
    assert not row(report, 1).borough.shown
    assert row(report, 1).borough.display == SUPPRESSED
    assert row(report, 1).phase.display == SUPPRESSED


def test_averages_of_five_schools_are_shown_each_school_counting_once(school, framework):
    assessment = submitted_assessment(school, default=4)
    others(4, default=2)
    report = build_report(assessment)
    assert row(report, 1).borough.schools == 5
    assert row(report, 1).borough.score == pytest.approx((4 + 2 * 4) / 5)
    assert row(report, 1).borough.display == "2.4 out of 4"
    assert row(report, 1).phase.display == "2.4 out of 4"


def test_phase_average_counts_only_the_schools_phase(school, framework):
    assessment = submitted_assessment(school, default=4)
    others(3, phase="Primary", default=3)
    others(5, phase="Secondary", default=1)
    report = build_report(assessment)
    assert row(report, 2).borough.shown
    assert row(report, 2).borough.schools == 9
    assert row(report, 2).phase.schools == 4
    assert row(report, 2).phase.display == SUPPRESSED
    secondary = build_report(submitted_assessment(SchoolFactory(phase="Secondary"), default=1))
    assert row(secondary, 2).phase.schools == 6
    assert row(secondary, 2).phase.display == "1.0 out of 4"


def test_averages_compare_the_same_round_and_only_submitted_assessments(school, framework):
    others(5, round=Round.BASELINE)
    review = submitted_assessment(school, round=Round.REVIEW, default=3)
    report = build_report(review)
    assert row(report, 1).borough.schools == 1
    assert row(report, 1).borough.display == SUPPRESSED


def test_change_since_previous_round(school, framework):
    submitted_assessment(school, default=2, ratings={1: 3}, when=timezone.now() - timedelta(days=90))
    review = submitted_assessment(school, round=Round.REVIEW, default=3, ratings={2: 2})
    report = build_report(review)
    assert report.previous.round == Round.BASELINE
    assert row(report, 1).change_display == "No change"
    assert row(report, 3).change == 1.0
    assert row(report, 3).change_display == "Up 1.0"
    assert row(report, 2).change_display == "No change"


def test_first_round_has_no_change(school, framework):
    report = build_report(submitted_assessment(school))
    assert report.previous is None
    assert row(report, 1).change_display == "No earlier round"


def test_report_page_shows_scores_averages_and_recommendations(client, school, lead, framework, intervention_index):
    leadership = Principle.objects.get(number=1)
    programme = InterventionPageFactory(
        parent=intervention_index, title="Leading wellbeing well", principles=[leadership], evidence_strength="strong"
    )
    assessment = submitted_assessment(school, default=3, ratings={1: 1})
    others(4)
    client.force_login(lead)
    response = client.get(report_url(assessment))
    content = response.content.decode()
    assert response.status_code == 200
    assert "1.0 out of 4" in content and "3.0 out of 4" in content
    assert "Principles to focus on" in content
    assert "Leading wellbeing well" in content
    assert programme.url in content
    assert "1.8 out of 4" in content  # borough, principle 1: (1 + 4 x 2) / 5
    assert "2.2 out of 4" in content  # borough, principle 2: (3 + 4 x 2) / 5
    assert "Download this report (PDF)" in content


def test_report_of_assessment_in_progress_is_404(client, lead, open_assessment):
    client.force_login(lead)
    assert client.get(report_url(open_assessment)).status_code == 404
    assert client.get(report_url(open_assessment, "report_pdf")).status_code == 404


def test_pdf_download(client, school, lead, framework):
    assessment = submitted_assessment(school, ratings={2: 1})
    client.force_login(lead)
    response = client.get(report_url(assessment, "report_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="feedback-report-{school.urn}-baseline.pdf"'
    body = response.content
    assert body.startswith(b"%PDF")
    text = _pdf_text(body)
    assert b"/StructTreeRoot" in text  # tagged, for screen readers
    assert b"pdfuaid" in text  # declares PDF/UA
    assert b"/Lang" in text


def _pdf_text(body):
    """The PDF with its compressed streams inflated, to look for structure and metadata."""
    parts = [body]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", body, re.DOTALL):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(stream))
    return b"".join(parts)




@pytest.mark.parametrize("schools", [2, 12])
def test_report_query_count_is_constant(
    client,
    school,
    lead,
    framework,
    intervention_index,
    resource_index,
    course_index,
    schools,
    django_assert_num_queries,
):
    submitted_assessment(school, default=2, when=timezone.now() - timedelta(days=90))
    assessment = submitted_assessment(school, round=Round.REVIEW, default=3, ratings={1: 1, 2: 1})
    others(schools, round=Round.REVIEW)
    for number in (1, 2):
        for _ in range(schools // 2):
            InterventionPageFactory(parent=intervention_index, principles=[Principle.objects.get(number=number)])
    client.force_login(lead)
    client.get(report_url(assessment))  # warm the site root cache
    with django_assert_num_queries(QUERIES_REPORT):
        response = client.get(report_url(assessment))
    assert response.status_code == 200
    assert response.content.decode().count("Intervention") >= 1

