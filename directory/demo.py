"""Demo content for the THRIVE portal and the Alternative Provision portal.

Every organisation, service, person and address is invented: emails are at example.org, websites under
example.org, phone numbers are Ofcom drama numbers (01632 960000 to 960999), and street names are made
up (postcodes are only real in format). `build_demo(home)` is idempotent: pages and organisations are
found by slug or name and left alone if they already exist.
"""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from home.demo_content import publish_child
from schools.models import Locality
from taxonomy.models import KeyStage, ThriveGrouping, Topic

from .models import (
    AlternativeProvisionIndexPage,
    OfstedStatus,
    Organisation,
    ProviderPage,
    ReferralRoute,
    ServiceContact,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
    ThrivePortalPage,
)

# Thriving, Getting Advice and Signposting, Getting Help, Getting More Help, Getting Risk Support.
T, A, H, M, R = (
    "thriving",
    "getting-advice-and-signposting",
    "getting-help",
    "getting-more-help",
    "getting-risk-support",
)
SELF, SCHOOL, GP, PRO = "self", "school", "gp", "other-professional"

# Topics the services need beyond the seeded vocabulary (Anxiety, Bullying and Self-harm are seeded).
EXTRA_TOPICS = [
    ("Bereavement", "Grief and loss of someone close."),
    ("Young carers", "Children and young people who look after someone at home."),
    ("Eating difficulties", "Eating disorders and worries about food and eating."),
    ("LGBTQ+", "Lesbian, gay, bisexual, trans, queer and questioning young people."),
    ("Low mood and depression", "Feeling sad, hopeless or low for a long time."),
    ("Parenting", "Support for parents and carers."),
    ("Crisis", "Urgent help when a young person is at immediate risk."),
    ("Exploitation", "Criminal and sexual exploitation, county lines and gangs."),
    ("Neurodiversity", "Autism, ADHD and other neurodevelopmental differences."),
    ("Domestic abuse", "Living with, or affected by, domestic abuse."),
    ("Substance misuse", "Drugs and alcohol."),
]

ORGANISATIONS = [
    (
        "Riverside Children's Health NHS Foundation Trust",
        "The (fictional) NHS trust providing community health services for children and young people.",
        "enquiries@riverside-childrens-health.example.org",
        "https://riverside-childrens-health.example.org/",
        "01632 960100",
    ),
    (
        "Saltmarsh Family Services",
        "Early help, youth and family services commissioned by the borough council.",
        "earlyhelp@saltmarsh-family-services.example.org",
        "https://saltmarsh-family-services.example.org/",
        "01632 960101",
    ),
    (
        "Estuary Youth Trust",
        "A local charity running youth clubs, mentoring and peer support.",
        "hello@estuary-youth.example.org",
        "https://estuary-youth.example.org/",
        "01632 960102",
    ),
    (
        "Nightlight Online Counselling CIC",
        "An invented community interest company offering anonymous online counselling.",
        "support@online-counselling.example.org",
        "https://online-counselling.example.org/",
        "01632 960103",
    ),
    (
        "Harbour Bereavement Care",
        "A charity supporting children and families after a death.",
        "care@harbour-bereavement.example.org",
        "https://harbour-bereavement.example.org/",
        "01632 960104",
    ),
    (
        "Carers Together Estuary",
        "Support for carers of all ages, including young carers.",
        "young.carers@carers-together.example.org",
        "https://carers-together.example.org/",
        "01632 960105",
    ),
    (
        "Brightwater Families",
        "Parenting programmes and family support.",
        "families@brightwater-families.example.org",
        "https://brightwater-families.example.org/",
        "01632 960106",
    ),
    (
        "Saltmarsh Youth Justice Partnership",
        "The multi-agency youth justice service for the borough.",
        "yjp@saltmarsh-family-services.example.org",
        "https://saltmarsh-family-services.example.org/youth-justice",
        "01632 960107",
    ),
    (
        "Tidewater Wellbeing Trust",
        "An independent local mental health charity.",
        "info@tidewater-wellbeing.example.org",
        "https://tidewater-wellbeing.example.org/",
        "01632 960108",
    ),
]
RIVERSIDE, COUNCIL, ESTUARY, ONLINE, HARBOUR, CARERS, FAMILIES, YJP, TIDEWATER = (name for name, *_ in ORGANISATIONS)

# (name, address line 1, town, postcode)
PLACES = {
    "grays-hub": ("Grays Family Hub", "14 Cormorant Walk", "Grays", "RM17 6XA"),
    "grays-clinic": ("Orchard Road Clinic", "2 Orchard Lantern Road", "Grays", "RM17 5QZ"),
    "tilbury": ("Tilbury Riverside Centre", "7 Lighterman Street", "Tilbury", "RM18 7QX"),
    "purfleet": ("Purfleet Community Rooms", "31 Chalkpit Rise", "Purfleet", "RM19 1XT"),
    "ockendon": ("South Ockendon Youth Centre", "5 Larkspur Parade", "South Ockendon", "RM15 6XB"),
    "stanford": ("Stanford-le-Hope Library Rooms", "22 Marsh Warbler Lane", "Stanford-le-Hope", "SS17 0XJ"),
    "corringham": ("Corringham Wellbeing Centre", "9 Saltings Close", "Corringham", "SS17 7XQ"),
    "chafford": ("Chafford Hundred Children's Centre", "3 Quarry Lantern Way", "Grays", "RM16 6XF"),
}
PLACE_COORDINATES = {
    "grays-hub": ("51.476200", "0.323900"),
    "tilbury": ("51.462300", "0.358100"),
    "purfleet": ("51.481400", "0.236900"),
    "stanford": ("51.514800", "0.429200"),
}
STEP_FREE = "Step-free entrance, lift to all floors, accessible toilet and a hearing loop at reception."


def _service(
    title,
    organisation,
    groupings,
    summary,
    ages,
    routes,
    topics,
    *,
    areas="all",
    places=(),
    how_to_refer="",
    about="",
    fees="Free",
    schedule=(),
    contact=None,
    checked_days_ago=60,
    checked_by="SWS team",
    phone="",
    email="",
):
    return {
        "title": title,
        "organisation": organisation,
        "groupings": groupings,
        "summary": summary,
        "ages": ages,
        "routes": routes,
        "topics": topics,
        "areas": areas,
        "places": places,
        "how_to_refer": how_to_refer,
        "about": about,
        "fees": fees,
        "schedule": schedule,
        "contact": contact,
        "checked_days_ago": checked_days_ago,
        "checked_by": checked_by,
        "phone": phone,
        "email": email,
    }


WEEKDAYS_9_5 = [(day, time(9), time(17), "") for day in ("MO", "TU", "WE", "TH", "FR")]
APPOINTMENT = [("appointment", None, None, "Appointments in school, at home or at a clinic")]

SERVICES = [
    # --- Thriving ---
    _service(
        "School nursing drop-in",
        RIVERSIDE,
        [T, A],
        "Weekly confidential drop-ins in every secondary school with a school nurse, for any health or "
        "wellbeing worry.",
        (11, 19),
        [SELF, SCHOOL],
        ["anxiety", "low-mood-and-depression", "body-image"],
        places=["grays-clinic"],
        how_to_refer="<p>Pupils can drop in at lunchtime on the school's drop-in day; no appointment needed. "
        "Staff can also ask the school nurse to see a pupil.</p>",
        schedule=[("WE", time(12), time(14), "Term time, in each secondary school")],
        contact=(
            "Priya Fenwick",
            "School Nursing Team Leader",
            "school.nursing@riverside-childrens-health.example.org",
        ),
        phone="01632 960110",
        email="school.nursing@riverside-childrens-health.example.org",
    ),
    _service(
        "School nurse text service",
        RIVERSIDE,
        [T, A],
        "A confidential text messaging service for 11 to 19 year olds to ask a school nurse about their health "
        "and wellbeing.",
        (11, 19),
        [SELF],
        ["anxiety", "online-safety", "body-image"],
        how_to_refer="<p>Young people text the number on their school's posters. Replies within one working day.</p>",
        schedule=[(day, time(9), time(16, 30), "Term time and holidays") for day in ("MO", "TU", "WE", "TH", "FR")],
        phone="01632 960111",
    ),
    _service(
        "Estuary youth clubs",
        ESTUARY,
        [T],
        "Open-access evening youth clubs with sport, music, cooking and trusted youth workers to talk to.",
        (11, 19),
        [SELF],
        ["social-connections", "physical-activity"],
        areas=["West", "East"],
        places=["ockendon", "stanford"],
        about="<p>Clubs run in South Ockendon and Stanford-le-Hope. Young people can just turn up.</p>",
        fees="Free (50p for food)",
        schedule=[("TU", time(18), time(21), ""), ("TH", time(18), time(21), "")],
        contact=("Marcus Okafor", "Senior Youth Worker", "clubs@estuary-youth.example.org"),
        checked_days_ago=30,
    ),
    _service(
        "Active Minds sports sessions",
        COUNCIL,
        [T],
        "Free after-school sport and physical activity for young people who are not in a team.",
        (8, 16),
        [SELF, SCHOOL],
        ["physical-activity", "social-connections"],
        places=["tilbury"],
        schedule=[("FR", time(16), time(18), "Term time")],
        checked_days_ago=90,
    ),
    _service(
        "Peer mentoring for transition",
        ESTUARY,
        [T, A],
        "Trained older pupils mentor year 6 and year 7 pupils through the move to secondary school.",
        (10, 13),
        [SCHOOL],
        ["transition", "social-connections", "anxiety"],
        how_to_refer="<p>The school's Mental Health Lead refers pupils in the summer term of year 6.</p>",
        schedule=APPOINTMENT,
        checked_days_ago=120,
    ),
    _service(
        "Rainbow Space LGBTQ+ youth group",
        ESTUARY,
        [T, A],
        "A safe, friendly weekly group for LGBTQ+ and questioning young people, run by trained youth workers.",
        (12, 19),
        [SELF, SCHOOL, PRO],
        ["lgbtq", "social-connections", "bullying"],
        places=["grays-hub"],
        how_to_refer="<p>Young people can email or just come along; a youth worker will meet them at the door "
        "on their first visit.</p>",
        schedule=[("MO", time(18, 30), time(20, 30), "")],
        contact=("Sam Ellery", "Youth Worker", "rainbow@estuary-youth.example.org"),
        email="rainbow@estuary-youth.example.org",
        checked_days_ago=45,
    ),
    # --- Getting Advice and Signposting ---
    _service(
        "Young carers group",
        CARERS,
        [T, A],
        "Breaks, activities and someone to talk to for children and young people who care for a family member.",
        (8, 18),
        [SELF, SCHOOL, GP, PRO],
        ["young-carers", "social-connections"],
        places=["grays-hub"],
        how_to_refer="<p>Anyone can refer with the young person's and family's agreement. Complete the young "
        "carers referral form or phone the team.</p>",
        schedule=[("SA", time(10), time(13), "Every other Saturday")],
        contact=("Joanne Pryce", "Young Carers Coordinator", "young.carers@carers-together.example.org"),
        phone="01632 960120",
        checked_days_ago=200,
    ),
    _service(
        "Anxiety workshops for parents",
        FAMILIES,
        [A],
        "A four-week evening course for parents and carers of anxious children: what anxiety is and how to help.",
        (5, 16),
        [SELF, SCHOOL, GP],
        ["anxiety", "parenting"],
        places=["corringham"],
        fees="Free",
        schedule=[("TU", time(18, 30), time(20), "Four weeks, each half term")],
        checked_days_ago=75,
    ),
    _service(
        "Online counselling and chat",
        ONLINE,
        [A, H],
        "Free, anonymous online counselling, moderated forums and self-help articles for young people.",
        (11, 25),
        [SELF],
        ["anxiety", "low-mood-and-depression", "self-harm", "bullying"],
        how_to_refer="<p>Young people sign up online without a referral. Counsellors are available every evening.</p>",
        schedule=[(day, time(12), time(22), "") for day in ("MO", "TU", "WE", "TH", "FR")]
        + [("SA", time(18), time(22), ""), ("SU", time(18), time(22), "")],
        email="support@online-counselling.example.org",
        checked_days_ago=20,
    ),
    _service(
        "Family information and early help line",
        COUNCIL,
        [A],
        "Advice for families and professionals about local support, and the way into early help.",
        (0, 19),
        [SELF, SCHOOL, GP, PRO],
        ["parenting"],
        schedule=WEEKDAYS_9_5,
        phone="01632 960130",
        email="earlyhelp@saltmarsh-family-services.example.org",
        checked_days_ago=15,
    ),
    _service(
        "Bullying advice for families",
        TIDEWATER,
        [A],
        "Phone and email advice for children, young people and parents dealing with bullying, including "
        "online bullying.",
        (5, 18),
        [SELF, SCHOOL],
        ["bullying", "online-safety"],
        schedule=[("MO", time(10), time(15), ""), ("WE", time(10), time(15), "")],
        phone="01632 960131",
        checked_days_ago=400,
        checked_by="Tidewater Wellbeing Trust (by email)",
    ),
    _service(
        "Exam stress sessions",
        TIDEWATER,
        [T, A],
        "Small-group sessions in school on managing exam stress, sleep and revision, for years 10 to 13.",
        (14, 18),
        [SCHOOL],
        ["exam-stress", "anxiety", "coping-and-resilience"],
        how_to_refer="<p>Schools book sessions for a group by email.</p>",
        schedule=APPOINTMENT,
        email="schools@tidewater-wellbeing.example.org",
        checked_days_ago=150,
    ),
    _service(
        "Under-fives emotional wellbeing clinic",
        RIVERSIDE,
        [A, H],
        "Health visitors support parents with sleep, behaviour and bonding worries in babies and young children.",
        (0, 4),
        [SELF, GP, PRO],
        ["parenting"],
        places=["chafford"],
        schedule=[("TH", time(9, 30), time(12), "")],
        checked_days_ago=110,
    ),
    # --- Getting Help ---
    _service(
        "Mental Health Support Team in schools",
        RIVERSIDE,
        [H],
        "Education mental health practitioners offer short, evidence-based help in school for mild to moderate "
        "anxiety and low mood.",
        (5, 18),
        [SCHOOL],
        ["anxiety", "low-mood-and-depression"],
        areas=["Central", "East"],
        how_to_refer="<p>The school's Mental Health Lead refers after talking to the family. Usually six to eight "
        "sessions.</p>",
        schedule=APPOINTMENT,
        contact=("Dr Helen Marsh", "Clinical Lead", "mhst@riverside-childrens-health.example.org"),
        checked_days_ago=40,
    ),
    _service(
        "Anxiety groups for teenagers",
        TIDEWATER,
        [H],
        "A six-week cognitive behavioural therapy group that teaches young people to understand and manage anxiety.",
        (12, 17),
        [SELF, SCHOOL, GP],
        ["anxiety", "coping-and-resilience"],
        places=["grays-hub", "stanford"],
        schedule=[("WE", time(16, 30), time(18), "Six weeks, starting each half term")],
        checked_days_ago=65,
    ),
    _service(
        "Worry busters for primary children",
        TIDEWATER,
        [H],
        "A small-group programme in primary schools for children aged 7 to 11 who worry a lot.",
        (7, 11),
        [SCHOOL],
        ["anxiety", "coping-and-resilience"],
        schedule=APPOINTMENT,
        checked_days_ago=80,
    ),
    _service(
        "Child bereavement support",
        HARBOUR,
        [A, H],
        "One-to-one and group support for children and young people after the death of someone important to them.",
        (4, 18),
        [SELF, SCHOOL, GP, PRO],
        ["bereavement"],
        places=["corringham"],
        how_to_refer="<p>Parents, carers or professionals can phone or email. We talk to the family first, "
        "usually within two weeks.</p>",
        schedule=APPOINTMENT,
        contact=("Anne Whitcombe", "Children's Services Manager", "care@harbour-bereavement.example.org"),
        phone="01632 960140",
        checked_days_ago=55,
    ),
    _service(
        "Counselling in schools",
        TIDEWATER,
        [H],
        "Up to 12 sessions of one-to-one counselling in school for secondary pupils.",
        (11, 18),
        [SCHOOL, SELF],
        ["anxiety", "low-mood-and-depression", "bereavement"],
        fees="Free to pupils (schools buy sessions)",
        schedule=APPOINTMENT,
        checked_days_ago=95,
    ),
    _service(
        "Parenting programme: Incredible Years",
        FAMILIES,
        [A, H],
        "A 14-week evidence-based parenting programme for parents of children aged 3 to 8 with behaviour difficulties.",
        (3, 8),
        [SELF, SCHOOL, GP, PRO],
        ["parenting"],
        places=["tilbury", "chafford"],
        schedule=[("TH", time(9, 30), time(12), "14 weeks, crèche available")],
        checked_days_ago=130,
    ),
    _service(
        "Teen parenting support",
        FAMILIES,
        [H],
        "A 10-week course for parents of teenagers: conflict, boundaries and keeping communication open.",
        (11, 18),
        [SELF, SCHOOL, PRO],
        ["parenting"],
        places=["purfleet"],
        schedule=[("MO", time(18), time(20), "10 weeks")],
        checked_days_ago=160,
    ),
    _service(
        "Neurodevelopmental family support",
        COUNCIL,
        [A, H],
        "Advice and workshops for families of children with autism or ADHD, before and after diagnosis.",
        (2, 18),
        [SELF, SCHOOL, GP],
        ["neurodiversity", "parenting"],
        places=["grays-hub"],
        schedule=[("FR", time(10), time(12), "Drop-in")],
        checked_days_ago=85,
    ),
    # --- Getting More Help ---
    _service(
        "Riverside Emotional Health and Wellbeing Service",
        RIVERSIDE,
        [H, M],
        "The NHS specialist mental health service for children and young people with moderate to severe difficulties.",
        (0, 18),
        [GP, SCHOOL, PRO, SELF],
        ["anxiety", "low-mood-and-depression", "self-harm", "eating-difficulties"],
        places=["grays-clinic"],
        how_to_refer="<p>Referrals through the single point of access by phone or the online form. Young people "
        "aged 16 and over can refer themselves.</p><p>In an emergency call 999 or go to A&amp;E.</p>",
        about="<p>Assessment, therapy (including CBT and family therapy), medication review and care coordination.</p>",
        schedule=WEEKDAYS_9_5,
        contact=("Single point of access", "Referrals team", "spa@riverside-childrens-health.example.org"),
        phone="01632 960150",
        email="spa@riverside-childrens-health.example.org",
        checked_days_ago=25,
    ),
    _service(
        "Eating disorders service",
        RIVERSIDE,
        [M, R],
        "Specialist assessment and treatment for children and young people with eating disorders, and support "
        "for their families.",
        (8, 18),
        [GP, PRO],
        ["eating-difficulties", "body-image"],
        places=["grays-clinic"],
        how_to_refer="<p>GPs refer urgently when there is rapid weight loss. Schools should ask the family to see "
        "their GP.</p>",
        schedule=WEEKDAYS_9_5,
        phone="01632 960151",
        checked_days_ago=50,
    ),
    _service(
        "Self-harm support service",
        TIDEWATER,
        [H, M],
        "One-to-one support for young people who self-harm, and advice for their parents and school staff.",
        (11, 25),
        [SELF, SCHOOL, GP, PRO],
        ["self-harm", "coping-and-resilience"],
        places=["purfleet", "grays-hub"],
        how_to_refer="<p>Young people can refer themselves by phone or email. If someone is in immediate danger "
        "call 999.</p>",
        schedule=[("TU", time(10), time(18), ""), ("TH", time(10), time(18), "")],
        contact=("Leah Brannigan", "Self-harm Practitioner", "selfharm@tidewater-wellbeing.example.org"),
        checked_days_ago=35,
    ),
    _service(
        "Young people's depression service",
        RIVERSIDE,
        [M],
        "Specialist psychological therapy for young people with moderate to severe depression.",
        (12, 18),
        [GP, PRO],
        ["low-mood-and-depression"],
        schedule=APPOINTMENT,
        checked_days_ago=140,
    ),
    _service(
        "Transition to adult mental health services",
        RIVERSIDE,
        [M],
        "Planning and support for young people moving from children's to adult mental health services.",
        (16, 25),
        [PRO],
        ["transition"],
        schedule=APPOINTMENT,
        checked_days_ago=170,
    ),
    # --- Getting Risk Support ---
    _service(
        "24-hour mental health crisis line",
        RIVERSIDE,
        [R],
        "A 24-hour phone line for children, young people and families in a mental health crisis.",
        (0, 25),
        [SELF, SCHOOL, GP, PRO],
        ["crisis", "self-harm"],
        how_to_refer="<p>Call at any time. If life is at risk call 999.</p>",
        schedule=[(day, time(0), time(23, 59), "24 hours") for day in ("MO", "TU", "WE", "TH", "FR", "SA", "SU")],
        phone="01632 960160",
        checked_days_ago=10,
    ),
    _service(
        "Crisis and home treatment team",
        RIVERSIDE,
        [R],
        "Urgent assessment and intensive support at home for young people at high risk, as an alternative to hospital.",
        (11, 18),
        [GP, PRO],
        ["crisis", "self-harm"],
        schedule=[(day, time(8), time(22), "") for day in ("MO", "TU", "WE", "TH", "FR", "SA", "SU")],
        checked_days_ago=60,
    ),
    _service(
        "Adolescent risk support team",
        YJP,
        [R],
        "A multi-agency team working with young people at risk of exploitation, going missing or entering the "
        "youth justice system.",
        (10, 18),
        [PRO, SCHOOL],
        ["exploitation", "adverse-childhood-experiences"],
        how_to_refer="<p>Professionals refer through the children's front door. Discuss with your designated "
        "safeguarding lead first.</p>",
        schedule=WEEKDAYS_9_5,
        contact=("Daniel Achebe", "Team Manager", "yjp@saltmarsh-family-services.example.org"),
        phone="01632 960170",
        checked_days_ago=70,
    ),
    _service(
        "Youth offending prevention and wellbeing",
        YJP,
        [R, M],
        "Health and wellbeing support for young people on youth justice orders, including speech and language "
        "and mental health assessment.",
        (10, 18),
        [PRO],
        ["exploitation", "substance-misuse"],
        schedule=APPOINTMENT,
        checked_days_ago=390,
        checked_by="Youth Justice Partnership admin",
    ),
    _service(
        "Domestic abuse children's worker",
        COUNCIL,
        [R, H],
        "One-to-one support for children and young people living with, or recovering from, domestic abuse.",
        (5, 18),
        [SCHOOL, PRO, SELF],
        ["domestic-abuse", "adverse-childhood-experiences"],
        schedule=APPOINTMENT,
        checked_days_ago=100,
    ),
    _service(
        "Young people's drug and alcohol service",
        TIDEWATER,
        [H, R],
        "Confidential advice, harm reduction and one-to-one support for young people using drugs or alcohol.",
        (11, 21),
        [SELF, SCHOOL, GP, PRO],
        ["substance-misuse"],
        places=["tilbury"],
        schedule=[("WE", time(13), time(19), "Drop-in")],
        phone="01632 960180",
        checked_days_ago=115,
    ),
]

PROVIDERS = [
    {
        "title": "Riverbank Learning Centre",
        "summary": "Small-group teaching for key stage 3 and 4 pupils at risk of exclusion, with a strong "
        "focus on English, maths and wellbeing.",
        "ages": (11, 16),
        "stages": ["key-stage-3", "key-stage-4"],
        "places": 24,
        "ofsted": OfstedStatus.GOOD,
        "registered": True,
        "email": "admissions@riverbank-learning.example.org",
        "phone": "01632 960200",
        "address": "4 Ferryman's Row\nGrays",
        "postcode": "RM17 6XP",
    },
    {
        "title": "Harbour Lights Independent School",
        "summary": "A registered independent school for pupils with social, emotional and mental health needs.",
        "ages": (9, 16),
        "stages": ["key-stage-2", "key-stage-3", "key-stage-4"],
        "places": 6,
        "ofsted": OfstedStatus.OUTSTANDING,
        "registered": True,
        "email": "office@harbour-lights.example.org",
        "phone": "01632 960201",
        "address": "Harbour Lights House\n12 Sandpiper Lane\nStanford-le-Hope",
        "postcode": "SS17 0XH",
    },
    {
        "title": "Engine Shed Motor Vehicle Skills",
        "summary": "Part-time vocational courses in motor vehicle maintenance for key stage 4 pupils.",
        "ages": (14, 16),
        "stages": ["key-stage-4"],
        "places": 10,
        "ofsted": OfstedStatus.NOT_INSPECTED,
        "registered": False,
        "email": "courses@engine-shed.example.org",
        "phone": "01632 960202",
        "address": "Unit 3, Wharf Lantern Estate\nTilbury",
        "postcode": "RM18 7XD",
    },
    {
        "title": "Green Acre Farm School",
        "summary": "Outdoor learning on a working farm: animal care, horticulture and a Level 1 qualification.",
        "ages": (11, 16),
        "stages": ["key-stage-3", "key-stage-4"],
        "places": 0,
        "ofsted": OfstedStatus.NOT_INSPECTED,
        "registered": False,
        "email": "hello@green-acre-farm.example.org",
        "phone": "01632 960203",
        "address": "Green Acre Farm, Hedgerow Lane\nSouth Ockendon",
        "postcode": "RM15 6XZ",
    },
    {
        "title": "Saltmarsh Tuition Service",
        "summary": "The council's medical tuition service for pupils too unwell to attend school.",
        "ages": (5, 16),
        "stages": ["key-stage-1", "key-stage-2", "key-stage-3", "key-stage-4"],
        "places": 15,
        "ofsted": OfstedStatus.REQUIRES_IMPROVEMENT,
        "registered": True,
        "organisation": COUNCIL,
        "email": "tuition@saltmarsh-family-services.example.org",
        "phone": "01632 960204",
        "address": "Saltmarsh Tuition Centre\n18 Cormorant Walk\nGrays",
        "postcode": "RM17 6XB",
    },
    {
        "title": "Second Chance Boxing Academy",
        "summary": "Boxing fitness, mentoring and functional skills for young people disengaged from school.",
        "ages": (13, 18),
        "stages": ["key-stage-3", "key-stage-4", "post-16"],
        "places": 8,
        "ofsted": OfstedStatus.NOT_INSPECTED,
        "registered": False,
        "organisation": ESTUARY,
        "email": "coach@second-chance-boxing.example.org",
        "phone": "01632 960205",
        "address": "The Old Drill Hall, 6 Lock Keeper's Way\nPurfleet",
        "postcode": "RM19 1XP",
    },
    {
        "title": "Northgate Pupil Referral Unit",
        "summary": "The borough's pupil referral unit for pupils permanently excluded from secondary school.",
        "ages": (11, 16),
        "stages": ["key-stage-3", "key-stage-4"],
        "places": 3,
        "ofsted": OfstedStatus.INADEQUATE,
        "registered": True,
        "organisation": COUNCIL,
        "email": "office@northgate-pru.example.org",
        "phone": "01632 960206",
        "address": "Northgate Centre, 1 Kestrel Mews\nCorringham",
        "postcode": "SS17 7XB",
    },
    {
        "title": "Bright Start Nurture Provision",
        "summary": "A newly registered nurture provision for primary pupils, part time alongside their school.",
        "ages": (5, 11),
        "stages": ["key-stage-1", "key-stage-2"],
        "places": 12,
        "ofsted": OfstedStatus.REGISTERED,
        "registered": True,
        "email": "nurture@bright-start.example.org",
        "phone": "01632 960207",
        "address": "Bright Start House, 27 Wren Gardens\nChafford Hundred",
        "postcode": "RM16 6XR",
    },
]

THRIVE_PORTAL_BODY = [
    {
        "type": "paragraph",
        "value": "<p>Every local service that helps children and young people with their mental health, in one "
        "place. Each service is mapped to the THRIVE groupings, so you can find help that matches what a child "
        "needs now.</p>",
    },
    {
        "type": "inset_text",
        "value": {
            "text": "<p>If a child is in immediate danger, call 999. For urgent mental health help, call the "
            "24-hour crisis line on 01632 960160.</p>"
        },
    },
]


def _organisations():
    organisations = {}
    for name, description, email, url, phone in ORGANISATIONS:
        organisations[name], _created = Organisation.objects.get_or_create(
            name=name, defaults={"description": description, "email": email, "url": url, "phone": phone}
        )
    return organisations


def _topics():
    for order, (name, description) in enumerate(EXTRA_TOPICS, start=100):
        Topic.objects.get_or_create(
            slug=slugify(name) or name.lower(),
            defaults={"name": name, "description": description, "kind": Topic.Kind.OTHER, "sort_order": order},
        )
    return {topic.slug: topic for topic in Topic.objects.all()}


def _service_page(portal, spec, lookups, today):
    organisations, groupings, routes, topics, localities = lookups
    slug = slugify(spec["title"])
    if ServicePage.objects.child_of(portal).filter(slug=slug).exists():
        return None
    min_age, max_age = spec["ages"]
    serves_all = spec["areas"] == "all" or not localities
    page = ServicePage(
        title=spec["title"],
        slug=slug,
        summary=spec["summary"],
        organisation=organisations[spec["organisation"]],
        min_age=min_age,
        max_age=max_age,
        fees=spec["fees"],
        email=spec["email"],
        phone=spec["phone"],
        how_to_refer=spec["how_to_refer"],
        body=[{"type": "paragraph", "value": spec["about"]}] if spec["about"] else [],
        last_checked=today - timedelta(days=spec["checked_days_ago"]),
        last_checked_by=spec["checked_by"],
        serves_whole_borough=serves_all,
        thrive_groupings=[groupings[slug] for slug in spec["groupings"] if slug in groupings],
        referral_routes=[routes[slug] for slug in spec["routes"] if slug in routes],
        topics=[topics[slug] for slug in spec["topics"] if slug in topics],
        localities=[] if serves_all else [localities[name] for name in spec["areas"] if name in localities],
        locations=[
            ServiceLocation(
                name=PLACES[key][0],
                address_1=PLACES[key][1],
                town=PLACES[key][2],
                postcode=PLACES[key][3],
                latitude=PLACE_COORDINATES.get(key, (None, None))[0],
                longitude=PLACE_COORDINATES.get(key, (None, None))[1],
                accessibility=STEP_FREE,
            )
            for key in spec["places"]
        ],
        schedules=[
            ServiceSchedule(weekday=day, opens_at=opens, closes_at=closes, description=description)
            for day, opens, closes, description in spec["schedule"]
        ],
        contacts=[ServiceContact(name=name, title=title, email=email) for name, title, email in [spec["contact"]]]
        if spec["contact"]
        else [],
    )
    portal.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def build_demo(home):
    """Create (once) and publish the THRIVE portal with its services and the Alternative Provision portal."""
    today = timezone.localdate()
    organisations = _organisations()
    lookups = (
        organisations,
        {grouping.slug: grouping for grouping in ThriveGrouping.objects.all()},
        {route.slug: route for route in ReferralRoute.objects.all()},
        _topics(),
        {locality.name: locality for locality in Locality.objects.all()},
    )

    portal, _created = publish_child(
        home,
        ThrivePortalPage,
        "thrive",
        show_in_menus=True,
        title="THRIVE portal",
        summary="Find local mental health and wellbeing services for children and young people, organised by "
        "the THRIVE framework.",
        body=THRIVE_PORTAL_BODY,
    )
    services = [_service_page(portal, spec, lookups, today) for spec in SERVICES]

    ap_index, _created = publish_child(
        home,
        AlternativeProvisionIndexPage,
        "alternative-provision",
        show_in_menus=True,
        title="Alternative provision",
        summary="Providers of alternative provision for pupils who cannot attend mainstream school, with "
        "their offer, ages, places and Ofsted status.",
        body=[
            {
                "type": "paragraph",
                "value": "<p>Schools and the local authority commission these providers. Check registration and "
                "the latest Ofsted report before placing a pupil, and contact the provider for current places."
                "</p>",
            }
        ],
    )
    key_stages = {stage.slug: stage for stage in KeyStage.objects.all()}
    providers = []
    for spec in PROVIDERS:
        min_age, max_age = spec["ages"]
        organisation = organisations.get(spec.get("organisation"))
        provider, created = publish_child(
            ap_index,
            ProviderPage,
            slugify(spec["title"]),
            title=spec["title"],
            summary=spec["summary"],
            min_age=min_age,
            max_age=max_age,
            places=spec["places"],
            ofsted_status=spec["ofsted"],
            ofsted_report_url="https://reports.example.org/provider/" + slugify(spec["title"]),
            registered=spec["registered"],
            organisation=organisation,
            email=spec["email"],
            phone=spec["phone"],
            address=spec["address"],
            postcode=spec["postcode"],
            key_stages=[key_stages[slug] for slug in spec["stages"] if slug in key_stages],
            offer=[{"type": "paragraph", "value": f"<p>{spec['summary']}</p>"}],
        )
        providers.append(provider)
    return {
        "thrive_portal": portal,
        "services": [service for service in services if service is not None],
        "alternative_provision": ap_index,
        "providers": providers,
    }
