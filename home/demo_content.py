"""The demo site's pages: home, about, accessibility statement and privacy notice.

Text is drawn from the service's founding paper; contact details are visibly fictional.
"""

from datetime import date

from django.db import transaction

from wagtail.models import Page, Site

from .models import HomePage, ServiceSettings, StandardPage


def _paragraph(html):
    return {"type": "paragraph", "value": html}


def _heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


HOME_INTRODUCTION = (
    "The School Wellbeing Service helps every school in the borough strengthen the mental health of its "
    "pupils and staff: self-assessment, a Mental Health Action Plan, training, and a route to a mental "
    "health award."
)

HOME_BODY = [
    _heading("What the service offers schools"),
    _paragraph(
        "<ul><li>a School Wellbeing Worker for your cluster of schools</li>"
        "<li>a whole-school self-assessment based on the 8 principles, with a feedback report</li>"
        "<li>support to write and deliver your Mental Health Action Plan</li>"
        "<li>training for staff, including Youth Mental Health First Aid</li>"
        "<li>a bronze, silver and gold mental health award</li></ul>"
    ),
    _heading("Working with clusters of schools"),
    _paragraph(
        "<p>We work with each secondary school and the primary schools that feed into it as a cluster, so "
        "that pupils get consistent support when they move from primary to secondary school.</p>"
    ),
]

ABOUT_BODY = [
    _paragraph(
        "<p>The School Wellbeing Service is a partnership between the council, the NHS and local schools and "
        "academies. It focuses on prevention: strengthening the protective factors that keep children and "
        "young people mentally well, and reducing the risk factors that harm their mental health.</p>"
    ),
    _heading("Protective factors we help schools build"),
    _paragraph(
        "<ul><li>good social connections</li><li>positive coping strategies</li><li>physical activity</li></ul>"
    ),
    _heading("Risk factors we help schools reduce"),
    _paragraph(
        "<ul><li>bullying</li><li>poor body image</li><li>excessive social media use</li>"
        "<li>adverse childhood experiences</li><li>stress caused by assessment and examinations</li></ul>"
    ),
    {
        "type": "accordion",
        "value": {
            "sections": [
                {
                    "heading": "Who is in the team",
                    "content": "<p>A Team Manager, Senior School Wellbeing Workers (one for each locality), School "
                    "Wellbeing Workers and an Administrator.</p>",
                },
                {
                    "heading": "What we ask of schools",
                    "content": "<p>Name a designated Mental Health Lead, release staff for training, and carry out "
                    "the self-assessment and an action plan with us.</p>",
                },
                {
                    "heading": "Who oversees the service",
                    "content": "<p>A steering group of head teachers, commissioners, public health leads, the "
                    "voluntary sector and safeguarding partners approves action plans and awards.</p>",
                },
            ]
        },
    },
]

ACCESSIBILITY_BODY = [
    _paragraph(
        "<p>This statement applies to the School Wellbeing Service website and school portal. We want as many "
        "people as possible to be able to use it. For example, you should be able to:</p>"
        "<ul><li>change colours, contrast levels and fonts using your browser or device settings</li>"
        "<li>zoom in up to 400% without the text spilling off the screen</li>"
        "<li>navigate the whole site using just a keyboard or speech recognition software</li>"
        "<li>listen to the website using a screen reader</li></ul>"
    ),
    _heading("How accessible this website is"),
    _paragraph(
        "<p>We test every page we build against the Web Content Accessibility Guidelines (WCAG) version 2.2 "
        "AA standard with automated checks and by hand. Some documents uploaded by partners, such as older "
        "PDF files, may not be fully accessible.</p>"
    ),
    _heading("Reporting accessibility problems"),
    _paragraph(
        "<p>If you find a problem or need information in a different format, email "
        "wellbeing@example.org. We will reply within 5 working days.</p>"
    ),
    _heading("Enforcement procedure"),
    _paragraph(
        "<p>The Equality and Human Rights Commission is responsible for enforcing the Public Sector Bodies "
        "(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with "
        "how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).</p>"
    ),
]

PRIVACY_BODY = [
    _paragraph(
        "<p>The council is the data controller for the School Wellbeing Service. This notice explains what "
        "information we hold about the people who use the school portal and why.</p>"
    ),
    _heading("What we hold"),
    _paragraph(
        "<ul><li>your name, work email address and role at your school</li>"
        "<li>your school's self-assessments, action plans and award evidence</li>"
        "<li>training bookings, attendance and questionnaire answers</li></ul>"
        "<p>We do not ask for information about individual pupils. Please do not upload documents that "
        "identify a child.</p>"
    ),
    _heading("Why we hold it"),
    _paragraph(
        "<p>To deliver the service to your school under our public task, and to evaluate it with Public "
        "Health. Evaluation reports use figures about groups of schools and never show a group smaller "
        "than 5 schools.</p>"
    ),
    _heading("How long we keep it"),
    _paragraph("<p>For the length of the pilot and 6 years after, then we delete it.</p>"),
    _heading("Your rights"),
    _paragraph(
        "<p>You can ask to see, correct or delete your information by emailing wellbeing@example.org.</p>"
    ),
]


def publish_child(parent, model, slug, relations=None, **fields):
    """The child of `parent` with this slug, or a new one with its many-to-many relations, published.

    Returns (page, created). Every demo builder uses it, so running load_demo again changes nothing.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific, False
    page = model(slug=slug, **fields)
    for name, values in (relations or {}).items():
        getattr(page, name).set(values)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


@transaction.atomic
def build_site():
    """Create the home page and the standard pages, and point the default site at them."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's installer leaves a plain placeholder welcome page; the service's home replaces it.
        placeholders = root.get_children().filter(content_type__app_label="wagtailcore", content_type__model="page")
        for placeholder in placeholders:
            placeholder.delete()
        home = HomePage(
            title="Supporting the mental health of every pupil and member of staff",
            slug="home",
            summary="Support for schools to improve pupils' and staff's mental health and wellbeing.",
            introduction=HOME_INTRODUCTION,
            body=HOME_BODY,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "site_name": "School Wellbeing Service", "root_page": home},
    )
    about, _ = publish_child(
        home, StandardPage, "about", title="About the service", show_in_menus=True,
        summary="What the School Wellbeing Service does, who is in the team and what we ask of schools.",
        body=ABOUT_BODY, last_reviewed=date(2026, 9, 1),
    )
    accessibility, _ = publish_child(
        home, StandardPage, "accessibility-statement", title="Accessibility statement",
        summary="How accessible the School Wellbeing Service website is and how to report a problem.",
        body=ACCESSIBILITY_BODY, last_reviewed=date(2026, 9, 1),
    )
    privacy, _ = publish_child(
        home, StandardPage, "privacy-notice", title="Privacy notice",
        summary="What information the School Wellbeing Service holds about portal users, and why.",
        body=PRIVACY_BODY, last_reviewed=date(2026, 9, 1),
    )
    site = Site.objects.get(is_default_site=True)
    settings, _ = ServiceSettings.objects.get_or_create(site=site)
    settings.contact_email = settings.contact_email or "wellbeing@example.org"
    settings.contact_phone = settings.contact_phone or "01632 960 123"
    settings.contact_address = settings.contact_address or "Civic Offices\nExample Street\nRM17 0XX"
    settings.opening_hours = settings.opening_hours or "Monday to Friday, 9am to 5pm"
    settings.accessibility_statement = settings.accessibility_statement or accessibility
    settings.privacy_notice = settings.privacy_notice or privacy
    settings.save()
    return {"home": home, "about": about, "accessibility": accessibility, "privacy": privacy}
