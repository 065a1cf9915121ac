"""The attendance register and whether each school's designated lead has attended the mandatory courses."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, Max, Min, OuterRef
from django.urls import reverse
from django.utils import timezone

from schools.access import can_manage_people, is_member_of
from schools.models import Membership

from .models import Booking, CoursePage, TrainingSession


class AttendanceError(Exception):
    """A register the rules refuse; the message is shown to the person recording it."""


def register_is_open(session, now=None):
    """Attendance is recorded from the day the session runs, not before."""
    now = now or timezone.now()
    return timezone.localdate(session.starts_at) <= timezone.localdate(now)


def record_attendance(session, marks, by):
    """Save the register in one go: `marks` maps confirmed booking ids to True (attended) or False.

    Attendees marked for the first time are invited to the post-training questionnaire.
    """
    if not register_is_open(session):
        raise AttendanceError("Attendance can be recorded from the day of the session.")
    with transaction.atomic():
        bookings = {
            booking.pk: booking
            for booking in Booking.objects.select_for_update()
            .filter(session=session, status=Booking.Status.CONFIRMED, pk__in=list(marks))
            .select_related("person", "session__course")
        }
        unknown = set(marks) - set(bookings)
        if unknown:
            raise AttendanceError("The register lists someone who has no place on this session.")
        now = timezone.now()
        changed, newly_attended = [], []
        for pk, attended in marks.items():
            booking = bookings[pk]
            if booking.attended is attended:
                continue
            if attended and booking.attended is not True:
                newly_attended.append(booking)
            booking.attended = attended
            booking.attendance_recorded_by = by
            booking.attendance_recorded_at = now
            booking.save(update_fields=["attended", "attendance_recorded_by", "attendance_recorded_at"])
            changed.append(booking)
        for booking in newly_attended:
            _invite_after_training(booking)
        return changed


def _invite_after_training(booking):
    """Send the post-training questionnaire (the questionnaires app owns it).

    Imported here, not at the top, only to keep the apps loosely coupled: a missing hook raises, so a
    register is never saved without its invitations.
    """
    from questionnaires.services import invite_after_training

    invite_after_training(booking)


@dataclass
class MandatoryCourse:
    """Whether a school's designated lead has attended one course marked 'lead must attend'."""

    course: CoursePage
    attended_on: object = None  # the date of the last session attended
    booked_for: object = None  # the next session they have a place on

    @property
    def attended(self):
        return self.attended_on is not None


def mandatory_courses():
    """Live courses the designated Mental Health Lead must attend, by title."""
    return list(CoursePage.objects.live().filter(lead_must_attend=True).order_by("title"))


def lead_attendance(school, courses=None):
    """(lead membership or None, [MandatoryCourse]) for a school, in four queries whatever the data."""
    courses = mandatory_courses() if courses is None else courses
    lead = (
        Membership.objects.filter(school=school, role=Membership.Role.MENTAL_HEALTH_LEAD)
        .select_related("user")
        .first()
    )
    rows = {course.pk: MandatoryCourse(course) for course in courses}
    if lead is None or not rows:
        return lead, list(rows.values())
    bookings = Booking.objects.filter(person=lead.user, session__course__in=list(rows))
    attended = bookings.filter(attended=True).values("session__course").annotate(last=Max("session__starts_at"))
    for row in attended:
        rows[row["session__course"]].attended_on = timezone.localdate(row["last"])
    upcoming = (
        bookings.filter(status=Booking.Status.CONFIRMED, session__in=TrainingSession.objects.upcoming())
        .values("session__course")
        .annotate(next=Min("session__starts_at"))
    )
    for row in upcoming:
        rows[row["session__course"]].booked_for = timezone.localdate(row["next"])
    return lead, list(rows.values())


def can_see_school_bookings(user, school):
    """The school's lead, and the service's people who may see the school (not its other staff)."""
    return can_manage_people(user, school) or not is_member_of(user, school)


def school_training(user, school):
    """What the portal's school page shows of training: the lead's mandatory courses and a link to bookings.

    The caller has already checked that the user may see the school.
    """
    _, mandatory = lead_attendance(school)
    url = reverse("portal:training:school_bookings", args=[school.urn]) if can_see_school_bookings(user, school) else ""
    return {"mandatory_training": mandatory, "training_bookings_url": url}


def leads_who_attended(course):
    """A subquery test: the school's designated lead has attended `course` (for listings of schools)."""
    return Exists(
        Booking.objects.filter(
            attended=True,
            session__course=course,
            person__memberships__school=OuterRef("pk"),
            person__memberships__role=Membership.Role.MENTAL_HEALTH_LEAD,
        )
    )
