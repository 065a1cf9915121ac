"""The award's portal pages: who may see and change what, and constant query counts."""

from django.conf import settings
from django.urls import reverse

import pytest

from awards.models import AwardSubmission, Stage
from tests.users.factories import UserFactory
from users.roles import Role

from .factories import (
    CriterionFactory,
    current_criteria,
    drafted,
    evidence_all,
    evidence_file,
    held_award,
    start,
    upload,
)

pytestmark = pytest.mark.django_db


def urls(school, submission, file):
    criterion = submission.criteria()[0]
    stage = {"urn": school.urn, "stage": "bronze"}
    return [
        reverse("portal:awards:overview", kwargs={"urn": school.urn}),
        reverse("portal:awards:library", kwargs={"urn": school.urn}),
        reverse("portal:awards:download", kwargs={"urn": school.urn, "pk": file.pk}),
        reverse("portal:awards:stage", kwargs=stage),
        reverse("portal:awards:criterion", kwargs={**stage, "criterion_id": criterion.pk}),
        reverse("portal:awards:history", kwargs=stage),
    ]


def lead_only_urls(school):
    stage = {"urn": school.urn, "stage": "bronze"}
    return [reverse(f"portal:awards:{name}", kwargs=stage) for name in ("submit", "withdraw")]


@pytest.fixture
def started(school, lead):
    report = evidence_file(school, lead)
    return evidence_all(start(school, lead), lead, files=[report]), report


def test_anonymous_visitors_are_sent_to_sign_in(client, school, started):
    submission, report = started
    for url in [*urls(school, submission, report), *lead_only_urls(school)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse(settings.LOGIN_URL)), url


def test_another_schools_lead_and_another_clusters_worker_get_404_everywhere(
    client, school, started, other_lead, other_worker
):
    submission, report = started
    for outsider in (other_lead, other_worker):
        client.force_login(outsider)
        for url in [*urls(school, submission, report), *lead_only_urls(school)]:
            assert client.get(url).status_code == 404, (outsider, url)
        assert client.post(reverse("portal:awards:start", args=[school.urn, "silver"])).status_code == 404


def test_staff_workers_and_steering_read_but_do_not_change(client, school, started, staff_member, worker):
    submission, report = started
    steering = UserFactory(roles=[Role.STEERING_GROUP])
    for reader in (staff_member, worker, steering):
        client.force_login(reader)
        for url in urls(school, submission, report):
            assert client.get(url).status_code == 200, (reader, url)
        for url in lead_only_urls(school):
            assert client.get(url).status_code == 403, (reader, url)
        criterion = submission.criteria()[0]
        url = reverse("portal:awards:criterion", args=[school.urn, "bronze", criterion.pk])
        assert 'enctype="multipart/form-data"' not in client.get(url).content.decode()
        assert client.post(url, {"narrative": "Changed"}).status_code == 403
        library = reverse("portal:awards:library", args=[school.urn])
        assert client.post(library, {}).status_code == 403


def test_the_head_teacher_edits_and_submits(client, school, head, lead):
    submission = drafted(school, lead)
    client.force_login(head)
    response = client.post(reverse("portal:awards:submit", args=[school.urn, "bronze"]))
    assert response.status_code == 302
    assert AwardSubmission.objects.get(pk=submission.pk).in_review


def test_the_lead_uploads_a_file_from_a_criterion_page_and_it_is_reused(client, school, lead):
    submission = start(school, lead)
    first, second = submission.criteria()[:2]
    client.force_login(lead)
    url = reverse("portal:awards:criterion", args=[school.urn, "bronze", first.pk])
    response = client.post(url, {"narrative": "Our lead is trained.", "links": "", "upload": upload("cert.pdf")})
    assert response.status_code == 302
    stored = school.evidence_files.get()
    second_url = reverse("portal:awards:criterion", args=[school.urn, "bronze", second.pk])
    page = client.get(second_url).content.decode()
    assert "cert.pdf" in page, "the library's files are offered on every criterion"
    client.post(second_url, {"narrative": "Baseline done.", "files": [stored.pk]})
    draft = AwardSubmission.objects.get(pk=submission.pk).latest_revision.as_object()
    evidence = draft.evidence_by_criterion()
    assert [f.pk for f in evidence[first.pk].files.all()] == [stored.pk]
    assert [f.pk for f in evidence[second.pk].files.all()] == [stored.pk]
    assert evidence[first.pk].is_complete and evidence[second.pk].is_complete


def test_links_must_be_web_addresses(client, school, lead):
    submission = start(school, lead)
    criterion = submission.criteria()[0]
    client.force_login(lead)
    url = reverse("portal:awards:criterion", args=[school.urn, "bronze", criterion.pk])
    response = client.post(url, {"narrative": "Done.", "links": "https://example.org/ok\njavascript:alert(1)"})
    assert response.status_code == 200
    assert "line 2 is not" in response.content.decode()


def test_the_overview_shows_each_stages_status_and_progress(client, school, lead):
    held_award(school, Stage.BRONZE, days_left=40)
    submission = start(school, lead, Stage.SILVER)
    criteria = submission.criteria()
    evidence_all(submission, lead, criteria=criteria[:1])
    client.force_login(lead)
    page = client.get(reverse("portal:awards:overview", args=[school.urn])).content.decode()
    assert "Expiring soon" in page
    assert f"1 of {len(criteria)} criteria evidenced" in page
    assert "Drafting" in page
    assert "Cannot start yet" in page, "Gold needs Silver"


def _larger(school, lead, extra):
    """More files in the library and more criteria evidenced, with more links and files each."""
    files = [evidence_file(school, lead, name=f"file-{i}.pdf") for i in range(extra)]
    for _ in range(extra):
        CriterionFactory(version=current_criteria(), stage=Stage.BRONZE)
    return files


QUERIES = {"overview": 26, "stage": 22, "library": 9}


@pytest.mark.parametrize("view", ["overview", "stage", "library"])
def test_query_counts_do_not_grow_with_the_evidence(client, school, lead, view, django_assert_num_queries):
    held_award(school, Stage.BRONZE)
    small = evidence_all(start(school, lead), lead, files=[evidence_file(school, lead)])
    start(school, lead, Stage.SILVER)
    kwargs = {"urn": school.urn} if view != "stage" else {"urn": school.urn, "stage": "bronze"}
    url = reverse(f"portal:awards:{view}", kwargs=kwargs)
    client.force_login(lead)
    client.get(url)  # the first request after signing in also updates the session
    with django_assert_num_queries(QUERIES[view]):
        assert client.get(url).status_code == 200

    files = _larger(school, lead, extra=8)
    links = "https://a.example\nhttps://b.example"
    evidence_all(AwardSubmission.objects.get(pk=small.pk), lead, files=files, links=links)
    with django_assert_num_queries(QUERIES[view]):
        assert client.get(url).status_code == 200
