"""The demo training catalogue: the seven courses the service offers schools on day one, and their sessions.

Safe to run twice: pages are found by slug and only created when missing; sessions and bookings are only
made when the seed courses have none.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from home.demo_content import publish_child
from schools.models import Membership
from taxonomy.models import Audience, Principle, Topic
from users.models import User

from .models import Booking, CourseIndexPage, CoursePage, TrainingSession

REVIEW_DATE = date(2027, 9, 1)


def _paragraph(html):
    return {"type": "paragraph", "value": html}


def _heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def _outcomes(*texts):
    return [{"type": "outcome", "value": text} for text in texts]


INDEX_BODY = [
    _paragraph(
        "<p>Our courses help school staff understand mental health, spot the signs that a pupil or colleague "
        "is struggling, and respond with confidence. Most are free to schools in the borough and can be run "
        "in your school for a whole staff team.</p>"
    ),
]

COURSES = [
    {
        "slug": "youth-mental-health-first-aid",
        "title": "Youth Mental Health First Aid",
        "summary": "A two-day course that gives staff the skills and confidence to spot the signs of mental "
        "ill health in young people and to guide them to the right support.",
        "outcomes": _outcomes(
            "recognise the signs and symptoms of common mental health issues in young people",
            "provide help on a first aid basis and keep a young person safe in a crisis",
            "listen without judgement and reassure a young person who is struggling",
            "guide a young person and their family to the right local services, using the THRIVE groupings",
            "look after your own wellbeing while supporting others",
        ),
        "length": "2 days",
        "duration_hours": Decimal("12"),
        "delivery": CoursePage.Delivery.IN_PERSON,
        "lead_must_attend": True,
        "provider": "Delivered by the service's accredited Youth Mental Health First Aid instructors",
        "audiences": ["staff"],
        "topics": ["anxiety", "self-harm", "coping-and-resilience"],
        "principles": [5, 8],
        "body": [
            _heading("About the course"),
            _paragraph(
                "<p>Youth Mental Health First Aid is an internationally recognised course for adults who work "
                "with young people aged 8 to 18. It is taught over two days in four sessions, with small group "
                "discussion and practice.</p><p>Everyone who completes the course becomes a certified Youth "
                "Mental Health First Aider and receives a manual and a quick reference card.</p>"
            ),
            _heading("Why the Mental Health Lead must attend"),
            _paragraph(
                "<p>The course underpins your school's Mental Health Action Plan. Your designated Mental Health "
                "Lead should attend so they can coordinate the school's first aiders and referral routes. Schools "
                "may send one other member of staff as well.</p>"
            ),
        ],
    },
    {
        "slug": "everything-you-need-to-know-about-mental-health-almost",
        "title": "Everything you need to know about mental health (almost)",
        "summary": "A one-day introduction to children's mental health: what affects it, what helps, and what "
        "schools can do as a whole school.",
        "outcomes": _outcomes(
            "explain the difference between mental health, mental wellbeing and mental illness",
            "describe the protective and risk factors that affect children's mental health",
            "recognise early signs that a pupil may need more help",
            "describe the 8 principles of a whole-school approach and where your school stands",
        ),
        "length": "1 day",
        "duration_hours": Decimal("6"),
        "delivery": CoursePage.Delivery.IN_PERSON,
        "lead_must_attend": False,
        "provider": "",
        "audiences": ["staff"],
        "topics": ["social-connections", "coping-and-resilience", "bullying", "body-image"],
        "principles": [1, 2, 3],
        "body": [
            _heading("Who should come"),
            _paragraph(
                "<p>Teachers, teaching assistants, pastoral staff and governors who want a grounding in "
                "children's mental health. No previous training is needed.</p>"
            ),
        ],
    },
    {
        "slug": "staff-sharing-and-peer-supervision",
        "title": "Staff sharing and peer supervision",
        "summary": "A half-day workshop that helps staff set up peer supervision groups, so that colleagues who "
        "support pupils' mental health are supported themselves.",
        "outcomes": _outcomes(
            "explain why staff who support pupils' mental health need supervision",
            "run a peer supervision session using a simple, safe structure",
            "agree ground rules on confidentiality and when to escalate a concern",
        ),
        "length": "Half a day",
        "duration_hours": Decimal("3"),
        "delivery": CoursePage.Delivery.BLENDED,
        "lead_must_attend": False,
        "provider": "",
        "audiences": ["staff"],
        "topics": ["staff-wellbeing"],
        "principles": [5],
        "body": [
            _paragraph(
                "<p>The workshop starts in person and is followed by two short online follow-up sessions, "
                "where groups bring what they have tried and refine it.</p>"
            ),
        ],
    },
    {
        "slug": "responding-to-self-harm",
        "title": "Responding to self-harm",
        "summary": "A half-day course on recognising self-harm, responding safely to a disclosure and following "
        "your school's safeguarding procedures.",
        "outcomes": _outcomes(
            "describe what self-harm is, why young people self-harm and common myths about it",
            "respond calmly and safely when a pupil tells you they are harming themselves",
            "assess urgency and follow your school's safeguarding and referral procedures",
            "support a pupil's return to school and their peers after an incident",
        ),
        "length": "Half a day",
        "duration_hours": Decimal("3.5"),
        "delivery": CoursePage.Delivery.IN_PERSON,
        "lead_must_attend": False,
        "provider": "",
        "audiences": ["staff"],
        "topics": ["self-harm"],
        "principles": [8],
        "body": [
            _paragraph(
                "<p>This course talks about self-harm in detail. If it may be difficult for you, please talk "
                "to the trainer before you book.</p>"
            ),
        ],
    },
    {
        "slug": "anxiety-awareness-workshop",
        "title": "Anxiety awareness workshop",
        "summary": "A two-hour online workshop on worry and anxiety in children: what is normal, what is not, and "
        "practical classroom strategies.",
        "outcomes": _outcomes(
            "tell the difference between everyday worry and anxiety that needs support",
            "use simple calming and grounding techniques in the classroom",
            "support pupils through known pressure points such as exams and transition",
        ),
        "length": "2 hours",
        "duration_hours": Decimal("2"),
        "delivery": CoursePage.Delivery.ONLINE,
        "lead_must_attend": False,
        "provider": "",
        "audiences": ["staff", "parents-and-carers"],
        "topics": ["anxiety", "exam-stress", "transition"],
        "principles": [3, 7],
        "body": [
            _paragraph(
                "<p>The workshop runs on Microsoft Teams. Parents and carers are welcome at evening sessions, "
                "which your school can promote in its newsletter.</p>"
            ),
        ],
    },
    {
        "slug": "mental-health-awareness-for-staff",
        "title": "Mental health awareness for staff",
        "summary": "A twilight session for whole staff teams on looking after their own mental health and "
        "supporting colleagues.",
        "outcomes": _outcomes(
            "recognise the signs of stress and poor mental health in yourself and colleagues",
            "start a supportive conversation with a colleague who is struggling",
            "find the support available to school staff, including the employee assistance programme",
        ),
        "length": "90 minutes",
        "duration_hours": Decimal("1.5"),
        "delivery": CoursePage.Delivery.IN_PERSON,
        "lead_must_attend": False,
        "provider": "",
        "audiences": ["staff"],
        "topics": ["staff-wellbeing"],
        "principles": [1, 5],
        "body": [
            _paragraph(
                "<p>We run this session in your school, after the school day, for up to 60 staff. Your "
                "School Wellbeing Worker will agree a date with you.</p>"
            ),
        ],
    },
    {
        "slug": "mental-health-awareness-workshops-for-young-people",
        "title": "Mental health awareness workshops for young people",
        "summary": "Interactive workshops for pupils in years 5 to 11 about feelings, coping and where to find "
        "help, delivered in class groups.",
        "outcomes": _outcomes(
            "talk about feelings and mental health using everyday language",
            "use at least three healthy ways to cope with stress",
            "know who to talk to in school and where to find help outside school",
        ),
        "length": "1 hour per class",
        "duration_hours": Decimal("1"),
        "delivery": CoursePage.Delivery.IN_PERSON,
        "lead_must_attend": False,
        "provider": "",
        "audiences": ["pupils"],
        "topics": ["coping-and-resilience", "social-connections", "excessive-social-media-use"],
        "principles": [3, 4],
        "body": [
            _paragraph(
                "<p>A member of school staff stays with each class. We send a short lesson plan beforehand so "
                "the workshop fits your PSHE programme, and a follow-up activity afterwards.</p>"
            ),
        ],
    },
]


@transaction.atomic
def build_demo(home):
    """Create the training catalogue under `home` with its seed courses; returns the index page."""
    index_page = CourseIndexPage.objects.child_of(home).first() or publish_child(
        home,
        CourseIndexPage,
        "training",
        title="Training courses",
        summary="Courses for school staff and pupils on mental health, from awareness sessions to Youth "
        "Mental Health First Aid.",
        body=INDEX_BODY,
        show_in_menus=True,
        review_date=REVIEW_DATE,
    )[0]
    for fields in COURSES:
        fields = dict(fields)
        relations = {
            "audiences": Audience.objects.filter(slug__in=fields.pop("audiences")),
            "topics": Topic.objects.filter(slug__in=fields.pop("topics")),
            "principles": Principle.objects.filter(number__in=fields.pop("principles")),
        }
        publish_child(index_page, CoursePage, fields.pop("slug"), relations, review_date=REVIEW_DATE, **fields)
    return index_page


VENUE = "Training Room 2, The Civic Centre\nNew Road\nGrays RM17 6SL"
ONLINE = "https://teams.example.org/l/meetup-join/wellbeing-training"

# (course slug, days from today, start hour, hours, places, online, confirmed bookings, waiting bookings)
SESSIONS = [
    ("youth-mental-health-first-aid", -42, 9, 6.5, 12, False, 10, 0),
    ("youth-mental-health-first-aid", 21, 9, 6.5, 6, False, 6, 0),  # full: the demo lead joins its waiting list
    ("youth-mental-health-first-aid", 63, 9, 6.5, 12, False, 3, 0),
    ("everything-you-need-to-know-about-mental-health-almost", -21, 9, 6, 20, False, 12, 0),
    ("everything-you-need-to-know-about-mental-health-almost", 14, 9, 6, 20, False, 5, 0),
    ("staff-sharing-and-peer-supervision", 30, 13, 3, 15, False, 4, 0),
    ("responding-to-self-harm", -10, 13, 3.5, 16, False, 9, 0),
    ("responding-to-self-harm", 35, 13, 3.5, 4, False, 4, 2),  # full, with people waiting
    ("anxiety-awareness-workshop", -5, 16, 2, 30, True, 8, 0),
    ("anxiety-awareness-workshop", 7, 16, 2, 30, True, 6, 0),
    ("mental-health-awareness-for-staff", 45, 15, 1.5, 60, False, 2, 0),
]
TRAINERS = ["Priya Westbrook", "Tomasz Carrow", "Grace Easterby"]


def _weekday(day):
    """Sessions run Monday to Friday."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _attendees():
    """People who book in the demo: other schools' leads, then the demo school's head and staff member.

    The demo school's lead (lead@example.org) is left out: they have not yet attended the mandatory course.
    """
    memberships = list(
        Membership.objects.filter(role=Membership.Role.MENTAL_HEALTH_LEAD)
        .exclude(user__email__in=["lead@example.org"])
        .select_related("user", "school")
        .order_by("school__urn")
    )
    memberships += list(
        Membership.objects.filter(user__email__in=["staff@example.org", "head@example.org"])
        .select_related("user", "school")
        .order_by("user__email")
    )
    return memberships


@transaction.atomic
def build_sessions(today=None):
    """Past sessions with attendance, upcoming ones with bookings, two full (one with a waiting list)."""
    courses = {page.slug: page for page in CoursePage.objects.filter(slug__in={spec[0] for spec in SESSIONS})}
    if not courses or TrainingSession.objects.filter(course__in=courses.values()).exists():
        return []
    today = today or timezone.localdate()
    people = _attendees()
    recorder = User.objects.filter(email="administrator@example.org").first()
    sessions = []
    for index, (slug, offset, hour, hours, places, online, confirmed, waiting) in enumerate(SESSIONS):
        if slug not in courses:
            continue
        day = _weekday(today + timedelta(days=offset))
        starts_at = timezone.make_aware(datetime.combine(day, time(hour, 30 if hour == 9 else 0)))
        session = TrainingSession.objects.create(
            course=courses[slug],
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=hours),
            venue="" if online else VENUE,
            online_link=ONLINE if online else "",
            capacity=places,
            trainer=TRAINERS[index % len(TRAINERS)],
            booking_deadline=starts_at - timedelta(days=2),
        )
        sessions.append(session)
        _book(session, people, index, confirmed, waiting, recorder if offset < 0 else None)
    return sessions


def _book(session, people, index, confirmed, waiting, recorder):
    """Bookings straight into the tables: the demo sends no emails and books sessions already past."""
    chosen = [people[(index * 7 + n) % len(people)] for n in range(confirmed + waiting)] if people else []
    seen = set()
    for number, membership in enumerate(chosen):
        if membership.user_id in seen:
            continue
        seen.add(membership.user_id)
        is_waiting = number >= confirmed
        attended = None
        if recorder is not None:
            attended = number % 5 != 4  # most came; one in five did not
        Booking.objects.create(
            session=session,
            person=membership.user,
            school=membership.school,
            booked_by=membership.user,
            status=Booking.Status.WAITING if is_waiting else Booking.Status.CONFIRMED,
            position=number - confirmed + 1 if is_waiting else None,
            attended=attended,
            attendance_recorded_by=recorder if attended is not None else None,
            attendance_recorded_at=session.ends_at if attended is not None else None,
        )
