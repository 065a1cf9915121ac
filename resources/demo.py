"""Demo content for the three libraries: the founding paper's interventions, PSHE resources, best practice.

`build_demo(home)` is idempotent: pages are found by slug under their index and only created (and
published) when missing; documents are found by title. Programme owners are named as providers;
every address, email and phone number is fictional (example.org, Ofcom drama numbers).
"""

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction

from wagtail.documents import get_document_model

from home.demo_content import publish_child
from schools.models import Cluster
from taxonomy.models import Audience, KeyStage, Principle, ResourceType, ThriveGrouping, Topic

from .models import (
    Approach,
    BestPracticeIndexPage,
    CaseStudyPage,
    CostBand,
    EvidenceStrength,
    Factor,
    ForumNotesPage,
    InterventionIndexPage,
    InterventionPage,
    Phase,
    ResourceIndexPage,
    ResourcePage,
)

REVIEW_DATE = date(2027, 9, 1)


def _paragraph(html):
    return {"type": "paragraph", "value": html}


def _heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def _inset(html):
    return {"type": "inset_text", "value": {"text": html}}


def _terms(model, slugs):
    """Vocabulary terms by slug, in the order given; terms an editor has removed are skipped."""
    found = {term.slug: term for term in model.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def _principles(numbers):
    return list(Principle.objects.filter(number__in=numbers))


def _index(model, home, slug, **fields):
    """The library's index page: the existing one (there is at most one), or a new one under home."""
    existing = model.objects.first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _child(parent, model, slug, relations, **fields):
    """A library page under `parent`, due for review on the demo's review date."""
    return publish_child(parent, model, slug, relations, review_date=REVIEW_DATE, **fields)


def _document(title, filename, text):
    """A small plain-text document in the library, found by title on later runs."""
    document_model = get_document_model()
    existing = document_model.objects.filter(title=title).first()
    if existing:
        return existing
    content = text.encode()
    document = document_model(title=title, file=ContentFile(content, name=filename))
    document.file_size = len(content)
    document.save()
    return document


SELF_HARM_GUIDE = """Responding to self-harm: a quick guide for school staff

School Wellbeing Service - demonstration document

If a pupil tells you they are self-harming, or you notice signs:
1. Stay calm, listen and do not show shock or disgust.
2. Do not promise to keep it secret. Explain that you will tell the designated safeguarding lead.
3. If there is an injury that needs treatment, get first aid now. If life is at risk, call 999.
4. Tell the designated safeguarding lead the same day, and record what you saw and were told.
5. Agree with the safeguarding lead who will speak to parents or carers, and when.
6. Look after yourself: talk to your line manager or the staff wellbeing contact.

Self-harm is a way of coping with overwhelming feelings. It is not usually a suicide attempt,
but it is a sign that someone needs help, and every disclosure is taken seriously.

School Wellbeing Service: wellbeing@example.org, 01632 960 123 (fictional demonstration details).
"""

FORUM_TERMS = """Safeguarding Leads Forum: terms of reference

School Wellbeing Service - demonstration document

Purpose: a quarterly meeting where the designated safeguarding leads of each cluster share
practice, hear about changes to local procedures and raise themes with the School Wellbeing Service.

Membership: the designated safeguarding lead (or deputy) of every school in the cluster, the
cluster's School Wellbeing Worker, and invited partners.

Confidentiality: the forum discusses themes, never individual children. Notes are published on the
School Wellbeing Service website and must not contain any information that could identify a pupil,
a family or a member of staff.

Contact: safeguarding-forum@example.org (fictional demonstration address).
"""


# Interventions: the founding paper's programmes, and its risk areas. ---------------------------

INTERVENTIONS = [
    {
        "slug": "lisa-t",
        "title": "LISA-T",
        "summary": "A school-based group programme that builds teenagers' social skills and support networks, "
        "helping pupils who feel isolated.",
        "factor": Factor.PROTECTIVE,
        "phase": Phase.SECONDARY,
        "approach": Approach.UNIVERSAL,
        "evidence_strength": EvidenceStrength.MODERATE,
        "cost_band": CostBand.MEDIUM,
        "provider": "LARS&LISA programme team (University of Tübingen, Germany)",
        "licence": "Facilitators follow the programme manual after a short training course. Materials would need "
        "adapting for English schools.",
        "website": "https://lisa-t.example.org/",
        "topics": ["social-connections", "coping-and-resilience"],
        "thrive": ["thriving", "getting-advice-and-signposting"],
        "principles": [3, 4],
        "body": [
            _heading("What it is"),
            _paragraph(
                "<p>LISA-T is a cognitive-behavioural programme for groups of pupils in their early teens. Over "
                "around ten weekly sessions, pupils practise making and keeping friends, saying what they need, "
                "and noticing and challenging unhelpful thoughts about themselves and other people.</p>"
            ),
            _heading("Why it matters here"),
            _paragraph(
                "<p>Good social connections protect mental health, and some young people in the borough have told "
                "us they feel isolated. LISA-T has been found to strengthen the social support pupils can draw on.</p>"
            ),
        ],
    },
    {
        "slug": "mentoring",
        "title": "Mentoring schemes",
        "summary": "Adult and peer mentoring that gives pupils a trusted person to talk to and strengthens their "
        "social connections.",
        "factor": Factor.PROTECTIVE,
        "phase": Phase.ALL,
        "approach": Approach.TARGETED,
        "evidence_strength": EvidenceStrength.MODERATE,
        "cost_band": CostBand.LOW,
        "provider": "School Wellbeing Service with local voluntary sector partners",
        "licence": "Mentors need a DBS check and the School Wellbeing Service's half-day mentor training.",
        "website": "https://www.example.org/wellbeing/mentoring",
        "topics": ["social-connections", "transition"],
        "thrive": ["getting-advice-and-signposting", "getting-help"],
        "principles": [4, 8],
        "body": [
            _heading("What it is"),
            _paragraph(
                "<p>A mentor meets a pupil regularly, usually weekly for at least a term, to build a trusting "
                "relationship. Mentors can be trained older pupils (peer mentoring), school staff or volunteers "
                "from the community.</p>"
            ),
            _heading("What makes mentoring work"),
            _paragraph(
                "<ul><li>matching mentors and pupils carefully, with the pupil's agreement</li>"
                "<li>meetings that happen reliably, for long enough to matter</li>"
                "<li>supervision and support for the mentors themselves</li></ul>"
            ),
        ],
    },
    {
        "slug": "friends-for-life",
        "title": "FRIENDS for Life",
        "summary": "A cognitive-behavioural programme that teaches children coping skills to reduce anxiety and "
        "low mood, delivered to whole classes.",
        "factor": Factor.PROTECTIVE,
        "phase": Phase.PRIMARY,
        "approach": Approach.UNIVERSAL,
        "evidence_strength": EvidenceStrength.STRONG,
        "cost_band": CostBand.MEDIUM,
        "provider": "FRIENDS Resilience (Australia); UK training through licensed trainers",
        "licence": "Staff must complete accredited FRIENDS facilitator training. Each child needs a workbook.",
        "website": "https://friends.example.org/",
        "topics": ["coping-and-resilience", "anxiety"],
        "thrive": ["thriving", "getting-advice-and-signposting"],
        "principles": [3, 5],
        "body": [
            _heading("What it is"),
            _paragraph(
                "<p>FRIENDS for Life is a programme of around ten weekly sessions, with booster sessions later, "
                "for children of about 8 to 11. Children learn to recognise feelings, relax, think helpfully, "
                "solve problems and ask for support. There are versions for younger children and for teenagers.</p>"
            ),
            _heading("The evidence"),
            _paragraph(
                "<p>Many trials in several countries show reductions in anxiety. A large trial in English primary "
                "schools found better results when sessions were led by trained health staff than by teachers, "
                "so plan who will deliver it and how they will be supported.</p>"
            ),
        ],
    },
    {
        "slug": "penn-resilience-programme",
        "title": "Penn Resilience Programme",
        "summary": "Lessons that teach young people to challenge negative thinking and solve problems, "
        "building resilience against depression and anxiety.",
        "factor": Factor.PROTECTIVE,
        "phase": Phase.SECONDARY,
        "approach": Approach.UNIVERSAL,
        "evidence_strength": EvidenceStrength.MODERATE,
        "cost_band": CostBand.HIGH,
        "provider": "Penn Resilience Program (University of Pennsylvania)",
        "licence": "Teachers attend several days of facilitator training before delivering the lessons.",
        "website": "https://penn-resilience.example.org/",
        "topics": ["coping-and-resilience", "anxiety"],
        "thrive": ["thriving"],
        "principles": [3, 5],
        "body": [
            _heading("What it is"),
            _paragraph(
                "<p>A curriculum of about 18 hours for pupils aged around 11 to 13, usually taught in Year 7 or 8. "
                "Pupils learn how thoughts affect feelings, how to look for evidence and alternatives to gloomy "
                "explanations, and skills for assertiveness, negotiation and decision-making.</p>"
            ),
            _heading("The evidence"),
            _paragraph(
                "<p>Trials show reductions in symptoms of depression and anxiety. An evaluation in English secondary "
                "schools found short-term benefits that faded over time, so lessons work best as part of a "
                "whole-school approach rather than on their own.</p>"
            ),
        ],
    },
    {
        "slug": "the-daily-mile",
        "title": "The Daily Mile",
        "summary": "Pupils run, jog or walk for 15 minutes every school day, at a time the teacher chooses, "
        "with no kit or set-up.",
        "factor": Factor.PROTECTIVE,
        "phase": Phase.PRIMARY,
        "approach": Approach.UNIVERSAL,
        "evidence_strength": EvidenceStrength.WEAK,
        "cost_band": CostBand.FREE,
        "provider": "The Daily Mile Foundation",
        "licence": "No licence or training needed. Register the school to receive free guidance.",
        "website": "https://daily-mile.example.org/",
        "topics": ["physical-activity"],
        "thrive": ["thriving"],
        "principles": [2, 6],
        "evaluation_guidance": "<p>Before you start, measure something you care about for the classes taking part "
        "and for a comparison group: for example, pupils' wellbeing survey scores or concentration after break. "
        "Measure again after a term. Your School Wellbeing Worker can help you choose a short questionnaire.</p>",
        "body": [
            _heading("What it is"),
            _paragraph(
                "<p>Classes go outside for 15 minutes each day and run or jog at their own pace. It is social, "
                "non-competitive and fully inclusive: children can walk to catch their breath.</p>"
            ),
            _inset(
                "<p>Physical activity is very good for mental health, but the evidence that this programme improves "
                "children's mental health is still weak. The founding paper of the service asks for a strong "
                "evaluation plan wherever it is adopted.</p>"
            ),
        ],
    },
    {
        "slug": "greatfun2run",
        "title": "GreatFun2Run",
        "summary": "A programme of active lessons, classroom activities and a fun run that encourages "
        "primary school children to be more active.",
        "factor": Factor.PROTECTIVE,
        "phase": Phase.PRIMARY,
        "approach": Approach.UNIVERSAL,
        "evidence_strength": EvidenceStrength.WEAK,
        "cost_band": CostBand.LOW,
        "provider": "Developed by university researchers with primary schools in England",
        "licence": "Teachers use the published lesson resources; no licence needed.",
        "website": "https://greatfun2run.example.org/",
        "topics": ["physical-activity"],
        "thrive": ["thriving"],
        "principles": [2, 3, 7],
        "evaluation_guidance": "<p>Agree what you will measure before you begin: activity levels (for example with "
        "a simple pupil diary) and wellbeing. Record a baseline, run the programme for a term and compare.</p>",
        "body": [
            _heading("What it is"),
            _paragraph(
                "<p>Over about ten weeks, children take part in PE lessons and classroom activities about being "
                "active, set personal goals, involve their families, and finish with a fun run event.</p>"
            ),
        ],
    },
    {
        "slug": "switch-play",
        "title": "Switch-Play",
        "summary": "Lessons for children of about 10 that cut screen time and build movement skills and "
        "enjoyment of being active.",
        "factor": Factor.PROTECTIVE,
        "phase": Phase.PRIMARY,
        "approach": Approach.UNIVERSAL,
        "evidence_strength": EvidenceStrength.WEAK,
        "cost_band": CostBand.LOW,
        "provider": "Deakin University (Australia)",
        "licence": "Teachers need a short briefing on the lesson plans; no licence needed.",
        "website": "https://switch-play.example.org/",
        "topics": ["physical-activity", "excessive-social-media-use"],
        "thrive": ["thriving"],
        "principles": [3],
        "evaluation_guidance": "<p>Measure screen time and activity (a one-week diary works) and wellbeing before "
        "and after, with a comparison class if you can.</p>",
        "body": [
            _heading("What it is"),
            _paragraph(
                "<p>A series of sessions that combine learning about how we spend our free time with practising "
                "fundamental movement skills, so that children swap some screen time for active play.</p>"
            ),
        ],
    },
    {
        "slug": "icaps",
        "title": "ICAPS",
        "summary": "A whole-community programme that helps young adolescents be more active and less sedentary, "
        "at school, at home and in their free time.",
        "factor": Factor.PROTECTIVE,
        "phase": Phase.SECONDARY,
        "approach": Approach.UNIVERSAL,
        "evidence_strength": EvidenceStrength.WEAK,
        "cost_band": CostBand.MEDIUM,
        "provider": "Developed in Strasbourg, France (Intervention Centred on Adolescents' Physical activity and "
        "Sedentary behaviour)",
        "licence": "Needs a coordinator and partnerships with local sports and youth clubs; no licence.",
        "website": "https://icaps.example.org/",
        "topics": ["physical-activity"],
        "thrive": ["thriving"],
        "principles": [1, 2, 7],
        "evaluation_guidance": "<p>ICAPS runs over several years. Plan an evaluation with Public Health before you "
        "start, including a baseline survey of activity and wellbeing in Year 7.</p>",
        "body": [
            _heading("What it is"),
            _paragraph(
                "<p>ICAPS works at several levels at once: lessons on the benefits of activity, new chances to be "
                "active at break and after school, family involvement, and links with local clubs so that young "
                "people keep going outside school.</p>"
            ),
        ],
    },
    {
        "slug": "kiva",
        "title": "KiVa anti-bullying programme",
        "summary": "A whole-school programme to prevent bullying, with lessons for every pupil and a school team "
        "that tackles each case that arises.",
        "factor": Factor.RISK,
        "phase": Phase.ALL,
        "approach": Approach.BOTH,
        "evidence_strength": EvidenceStrength.STRONG,
        "cost_band": CostBand.MEDIUM,
        "provider": "KiVa (University of Turku)",
        "licence": "Schools buy a licence and staff attend KiVa training before starting.",
        "website": "https://kiva.example.org/",
        "topics": ["bullying"],
        "thrive": ["thriving", "getting-help"],
        "principles": [1, 2, 3, 4],
        "body": [
            _heading("What it is"),
            _paragraph(
                "<p>KiVa was developed in Finland. Universal actions include lessons and an online game that "
                "teach pupils to recognise bullying and to support the person being bullied rather than the bully. "
                "Indicated actions give a trained school team a clear process for every case of bullying.</p>"
            ),
            _heading("The evidence"),
            _paragraph(
                "<p>Large trials show reductions in bullying and victimisation, and improvements in pupils' "
                "wellbeing. It works best with strong school anti-bullying policies.</p>"
            ),
        ],
    },
    {
        "slug": "good-behaviour-game",
        "title": "The Good Behaviour Game",
        "summary": "A classroom game in which teams of pupils earn rewards for following agreed rules, reducing "
        "disruptive and aggressive behaviour.",
        "factor": Factor.RISK,
        "phase": Phase.PRIMARY,
        "approach": Approach.UNIVERSAL,
        "evidence_strength": EvidenceStrength.MODERATE,
        "cost_band": CostBand.MEDIUM,
        "provider": "American Institutes for Research (programme developer), through UK licensed trainers",
        "licence": "Teachers attend training and receive coaching during the first year.",
        "website": "https://good-behaviour-game.example.org/",
        "topics": ["bullying"],
        "thrive": ["thriving"],
        "principles": [2, 3],
        "body": [
            _heading("What it is"),
            _paragraph(
                "<p>The class is split into mixed teams. While the game is running, teams that keep to four simple "
                "rules earn a reward. Over the year the game runs for longer, and rewards become less frequent.</p>"
            ),
            _heading("The evidence"),
            _paragraph(
                "<p>Long-term studies in the United States found lasting benefits. A trial in English primary "
                "schools found no overall effect on behaviour, but boys showing early behaviour problems may "
                "benefit most.</p>"
            ),
        ],
    },
    {
        "slug": "happy-being-me",
        "title": "Happy Being Me",
        "summary": "Three interactive sessions that help pupils resist appearance pressures and develop a "
        "positive body image.",
        "factor": Factor.RISK,
        "phase": Phase.PRIMARY,
        "approach": Approach.TARGETED,
        "evidence_strength": EvidenceStrength.PROMISING,
        "cost_band": CostBand.LOW,
        "provider": "Centre for Appearance Research (University of the West of England)",
        "licence": "Facilitators use the published manual; a short training session is recommended.",
        "website": "https://happy-being-me.example.org/",
        "topics": ["body-image"],
        "thrive": ["getting-help"],
        "principles": [3, 8],
        "body": [
            _heading("What it is"),
            _paragraph(
                "<p>Designed for pupils of about 10 to 11, the sessions look at media images and how they are "
                "altered, at talk among friends that focuses on appearance, and at comparing ourselves with "
                "others. Pupils practise responses that value what bodies do rather than how they look.</p>"
            ),
        ],
    },
    {
        "slug": "excessive-social-media-use",
        "title": "Reducing excessive social media use",
        "summary": "How schools can help pupils and families manage time on social media: three or more hours a "
        "day is linked with poorer mental health.",
        "factor": Factor.RISK,
        "phase": Phase.ALL,
        "approach": Approach.UNIVERSAL,
        "evidence_strength": EvidenceStrength.PROMISING,
        "cost_band": CostBand.FREE,
        "provider": "School Wellbeing Service",
        "licence": "None. Lesson and parent-session materials are free from the School Wellbeing Service.",
        "website": "https://www.example.org/wellbeing/social-media",
        "topics": ["excessive-social-media-use", "online-safety"],
        "thrive": ["thriving", "getting-advice-and-signposting"],
        "principles": [3, 7],
        "body": [
            _heading("What schools can do"),
            _paragraph(
                "<ul><li>teach pupils how apps are designed to keep them scrolling, and how to take control</li>"
                "<li>agree phone-free times and spaces in school</li>"
                "<li>run a session for parents and carers on family media plans</li>"
                "<li>ask about sleep and screen use in your pupil wellbeing survey</li></ul>"
            ),
        ],
    },
    {
        "slug": "adverse-childhood-experiences",
        "title": "Adverse childhood experiences: sexual exploitation, abuse and disclosure",
        "summary": "A toolkit for schools on recognising sexual exploitation and abuse, and on responding well when "
        "a child discloses.",
        "factor": Factor.RISK,
        "phase": Phase.ALL,
        "approach": Approach.BOTH,
        "evidence_strength": EvidenceStrength.MODERATE,
        "cost_band": CostBand.FREE,
        "provider": "School Wellbeing Service with the local safeguarding children partnership",
        "licence": "Whole-staff briefing led by the designated safeguarding lead; no licence needed.",
        "website": "https://www.example.org/wellbeing/aces-toolkit",
        "topics": ["adverse-childhood-experiences"],
        "thrive": ["getting-help", "getting-risk-support"],
        "principles": [1, 5, 8],
        "body": [
            _heading("Why it matters"),
            _paragraph(
                "<p>Adverse childhood experiences such as neglect and sexual abuse are strongly linked with poor "
                "mental health. Staff who know the signs and respond well to a disclosure can change what happens "
                "next for a child.</p>"
            ),
            _heading("What the toolkit covers"),
            _paragraph(
                "<ul><li>signs of child sexual exploitation and abuse, online and offline</li>"
                "<li>how to listen to a disclosure without leading questions or promises of secrecy</li>"
                "<li>recording and passing concerns to the designated safeguarding lead the same day</li>"
                "<li>support for the member of staff afterwards</li></ul>"
            ),
        ],
    },
    {
        "slug": "exam-stress",
        "title": "Reducing stress caused by exams and assessment",
        "summary": "Whole-school approaches that reduce the stress pupils feel around tests and examinations, "
        "raised strongly by local teachers.",
        "factor": Factor.RISK,
        "phase": Phase.SECONDARY,
        "approach": Approach.BOTH,
        "evidence_strength": EvidenceStrength.PROMISING,
        "cost_band": CostBand.FREE,
        "provider": "School Wellbeing Service",
        "licence": "None. Staff can attend the service's anxiety awareness workshop.",
        "website": "https://www.example.org/wellbeing/exam-stress",
        "topics": ["exam-stress", "anxiety", "coping-and-resilience"],
        "thrive": ["thriving", "getting-advice-and-signposting", "getting-help"],
        "principles": [2, 3, 7, 8],
        "body": [
            _heading("What schools can do"),
            _paragraph(
                "<ul><li>talk about exams in a way that motivates without frightening</li>"
                "<li>teach revision planning, sleep and relaxation skills well before exams</li>"
                "<li>offer small-group support for pupils whose anxiety is getting in the way</li>"
                "<li>give parents and carers practical advice for the exam season</li></ul>"
            ),
        ],
    },
]


# PSHE resources: every key stage at least twice; anxiety, bullying and self-harm all covered. ------

RESOURCES = [
    {
        "slug": "feelings-faces",
        "title": "Feelings faces: talking about emotions in the early years",
        "summary": "Circle-time activities that help young children name their feelings and ask for help.",
        "key_stages": ["early-years", "key-stage-1"],
        "topics": ["coping-and-resilience"],
        "audiences": ["pupils", "staff"],
        "types": ["lesson-plan"],
        "principles": [3],
        "quality_mark": False,
        "body": [
            _paragraph(
                "<p>Six short activities using picture cards and puppets. Children match faces to feelings, talk "
                "about times they felt that way, and practise saying who they could tell.</p>"
            )
        ],
    },
    {
        "slug": "worry-monsters",
        "title": "Worry monsters: helping young children with anxiety",
        "summary": "Guidance and a take-home worksheet for staff and families supporting young children who worry.",
        "key_stages": ["early-years", "key-stage-1"],
        "topics": ["anxiety"],
        "audiences": ["staff", "parents-and-carers"],
        "types": ["guidance", "worksheet"],
        "principles": [7, 8],
        "quality_mark": False,
        "body": [
            _paragraph(
                "<p>Anxiety is common in young children. This guide explains the difference between everyday "
                "worries and anxiety that needs more help, and gives simple ideas such as a worry box, calm "
                "breathing and predictable routines.</p>"
            ),
            _heading("When to seek more help"),
            _paragraph(
                "<p>If worries stop a child joining in, sleeping or coming to school, talk to the school's Mental "
                "Health Lead, who can look for support through the THRIVE portal.</p>"
            ),
        ],
    },
    {
        "slug": "kind-friends",
        "title": "Kind friends: friendship and bullying lessons for key stage 1",
        "summary": "Three lessons on being a good friend, what bullying is and what to do if it happens.",
        "key_stages": ["key-stage-1"],
        "topics": ["bullying", "social-connections"],
        "audiences": ["pupils"],
        "types": ["lesson-plan"],
        "principles": [2, 3],
        "quality_mark": True,
        "body": [
            _paragraph(
                "<p>Using stories, children explore how friends treat each other, learn that bullying is hurtful "
                "behaviour that happens again and again, and practise telling a trusted adult.</p>"
            )
        ],
    },
    {
        "slug": "understanding-anxiety-ks2",
        "title": "Understanding anxiety: lessons for key stage 2",
        "summary": "Lessons that explain what anxiety is, how it feels in the body, and strategies that help.",
        "key_stages": ["key-stage-2"],
        "topics": ["anxiety", "coping-and-resilience"],
        "audiences": ["pupils"],
        "types": ["lesson-plan"],
        "principles": [3],
        "quality_mark": True,
        "body": [
            _paragraph(
                "<p>Four lessons for Years 5 and 6. Pupils learn that anxiety is a normal response that can become "
                "too big, how the 'fight, flight or freeze' response works, and try grounding and breathing "
                "techniques they can use before tests or new situations.</p>"
            )
        ],
    },
    {
        "slug": "anti-bullying-assembly",
        "title": "Anti-bullying assembly pack",
        "summary": "Assemblies for key stages 2 and 3 on standing up to bullying, including online bullying.",
        "key_stages": ["key-stage-2", "key-stage-3"],
        "topics": ["bullying", "online-safety"],
        "audiences": ["pupils", "staff"],
        "types": ["assembly"],
        "principles": [2, 4],
        "quality_mark": False,
        "body": [
            _paragraph(
                "<p>Two assemblies with slides and scripts. They focus on bystanders: what pupils who see bullying "
                "can do safely, and how to report bullying in person and online.</p>"
            )
        ],
        "links": [
            (
                "https://anti-bullying.example.org/assemblies",
                "Anti-bullying week assembly slides",
                "Slides and scripts from a national anti-bullying charity's annual campaign.",
            )
        ],
    },
    {
        "slug": "moving-up",
        "title": "Moving up: getting ready for secondary school",
        "summary": "Activities for Year 6 and Year 7 pupils and their families to make the move to secondary school "
        "easier.",
        "key_stages": ["key-stage-2", "key-stage-3"],
        "topics": ["transition", "social-connections", "anxiety"],
        "audiences": ["pupils", "parents-and-carers"],
        "types": ["worksheet", "guidance"],
        "principles": [3, 7],
        "quality_mark": False,
        "body": [
            _paragraph(
                "<p>A passport activity in which pupils record what they are looking forward to and worried about, "
                "with a guide for parents and carers on the first weeks of secondary school.</p>"
            )
        ],
    },
    {
        "slug": "body-image-digital-world",
        "title": "Body image in a digital world",
        "summary": "Key stage 3 and 4 lessons on edited images, social media and valuing our bodies.",
        "key_stages": ["key-stage-3", "key-stage-4"],
        "topics": ["body-image", "excessive-social-media-use"],
        "audiences": ["pupils"],
        "types": ["lesson-plan"],
        "principles": [3],
        "quality_mark": True,
        "body": [
            _paragraph(
                "<p>Pupils compare edited and unedited images, discuss how feeds shape what we think is normal, "
                "and plan how to curate a feed that makes them feel good.</p>"
            )
        ],
    },
    {
        "slug": "responding-to-self-harm",
        "title": "Responding to self-harm: guidance for school staff",
        "summary": "What to do if a pupil tells you they self-harm, or you notice signs: a step-by-step guide.",
        "key_stages": ["key-stage-3", "key-stage-4", "post-16"],
        "topics": ["self-harm"],
        "audiences": ["staff"],
        "types": ["guidance"],
        "principles": [5, 8],
        "quality_mark": False,
        "document": "self-harm",
        "body": [
            _paragraph(
                "<p>Self-harm is a way some young people cope with overwhelming feelings. Every member of staff "
                "should know how to respond calmly and pass concerns on the same day.</p>"
            ),
            _inset(
                "<p>If a pupil's life is at risk, call 999. Otherwise tell your designated safeguarding lead today.</p>"
            ),
        ],
    },
    {
        "slug": "self-harm-parents",
        "title": "Self-harm: information for parents and carers",
        "summary": "Help for parents and carers who are worried that their child may be self-harming.",
        "key_stages": ["key-stage-3", "key-stage-4", "post-16"],
        "topics": ["self-harm", "anxiety"],
        "audiences": ["parents-and-carers"],
        "types": ["guidance"],
        "principles": [7],
        "quality_mark": False,
        "body": [
            _paragraph(
                "<p>Explains possible signs of self-harm, how to start a conversation without judgement, how to "
                "keep your child safe, and where to get help, including your child's school and GP.</p>"
            )
        ],
    },
    {
        "slug": "exam-stress-survival-guide",
        "title": "Exam stress: a survival guide for students",
        "summary": "A worksheet that helps key stage 4 and post-16 students plan revision, sleep well and manage "
        "worry in the exam season.",
        "key_stages": ["key-stage-4", "post-16"],
        "topics": ["exam-stress", "anxiety"],
        "audiences": ["pupils"],
        "types": ["worksheet"],
        "principles": [3],
        "quality_mark": True,
        "body": [
            _paragraph(
                "<p>Students build a realistic revision timetable with breaks, learn a two-minute breathing "
                "exercise, and make a plan for the night before and the morning of an exam.</p>"
            )
        ],
    },
    {
        "slug": "sexual-exploitation-toolkit",
        "title": "Sexual exploitation and abuse: a toolkit for schools, including disclosure",
        "summary": "Guidance for staff on recognising child sexual exploitation and abuse and responding to "
        "disclosure.",
        "key_stages": ["key-stage-3", "key-stage-4", "post-16"],
        "topics": ["adverse-childhood-experiences", "online-safety"],
        "audiences": ["staff"],
        "types": ["toolkit"],
        "principles": [1, 5, 8],
        "quality_mark": False,
        "body": [
            _paragraph(
                "<p>A briefing for all staff, with scenarios for discussion, a flowchart for passing on concerns and "
                "advice on supporting a child after a disclosure.</p>"
            )
        ],
    },
    {
        "slug": "active-minds-post-16",
        "title": "Active minds: physical activity and mood for post-16 students",
        "summary": "A short film and discussion guide on how being active helps mood, sleep and concentration.",
        "key_stages": ["post-16"],
        "topics": ["physical-activity", "coping-and-resilience"],
        "audiences": ["pupils"],
        "types": ["video"],
        "principles": [3],
        "quality_mark": False,
        "body": [
            _paragraph(
                "<p>Students hear from young people who found ways to be active that suit them, then plan one "
                "small change of their own.</p>"
            )
        ],
        "links": [
            (
                "https://active-minds.example.org/film",
                "Active minds film (12 minutes)",
                "The film, with subtitles and a transcript.",
            )
        ],
    },
    {
        "slug": "online-wellbeing-parents",
        "title": "Online safety and wellbeing: a guide for parents and carers",
        "summary": "Practical advice for families of primary-age children on screen time, apps and online bullying.",
        "key_stages": ["key-stage-1", "key-stage-2"],
        "topics": ["online-safety", "excessive-social-media-use", "bullying"],
        "audiences": ["parents-and-carers"],
        "types": ["guidance", "website"],
        "principles": [7],
        "quality_mark": False,
        "body": [
            _paragraph(
                "<p>Covers setting up devices safely, agreeing a family media plan, and what to do if your child "
                "is bullied or sees something upsetting online.</p>"
            )
        ],
    },
    {
        "slug": "staff-wellbeing-policy",
        "title": "Staff wellbeing policy template",
        "summary": "A policy template that helps leaders set out how the school supports the mental health of its "
        "staff.",
        "key_stages": ["early-years", "key-stage-1", "key-stage-2", "key-stage-3", "key-stage-4", "post-16"],
        "topics": ["staff-wellbeing"],
        "audiences": ["staff"],
        "types": ["policy-template"],
        "principles": [1, 5],
        "quality_mark": False,
        "body": [
            _paragraph(
                "<p>Sections on workload, supervision and peer support, returning to work after illness, and how "
                "staff can raise concerns about their own wellbeing.</p>"
            )
        ],
    },
]


# Best practice: case studies and Safeguarding Leads Forum notes, by cluster. -----------------------

CASE_STUDIES = [
    {
        "slug": "peer-mentors-year-7",
        "title": "Peer mentors help Year 7 pupils settle in",
        "summary": "How a secondary school trained Year 9 mentors to support new pupils through their first term.",
        "date": date(2026, 1, 15),
        "topics": ["transition", "social-connections"],
        "principles": [4, 8],
        "body": [
            _heading("What the school did"),
            _paragraph(
                "<p>Twenty Year 9 volunteers completed the School Wellbeing Service's mentor training. Each met a "
                "small group of Year 7 pupils weekly during the autumn term, starting with a visit to the feeder "
                "primary schools in the summer.</p>"
            ),
            _heading("What changed"),
            _paragraph(
                "<p>In the cluster's pupil survey, more Year 7 pupils said they had someone to talk to at school. "
                "Staff noticed fewer pupils struggling with the move from primary school.</p>"
            ),
        ],
    },
    {
        "slug": "daily-mile-evaluation",
        "title": "Starting The Daily Mile with an evaluation plan",
        "summary": "Two primary schools introduced The Daily Mile and measured its effect on wellbeing, because the "
        "evidence for it is still weak.",
        "date": date(2026, 3, 20),
        "topics": ["physical-activity"],
        "principles": [2, 6],
        "body": [
            _heading("What the schools did"),
            _paragraph(
                "<p>Before starting, Years 3 to 6 completed a short wellbeing questionnaire. Classes then ran "
                "for 15 minutes a day for a term, and the questionnaire was repeated.</p>"
            ),
            _heading("What they learned"),
            _paragraph(
                "<p>Average wellbeing scores rose slightly, and teachers reported calmer classes after running. "
                "The schools are sharing their questionnaire and plan with the rest of the cluster.</p>"
            ),
        ],
    },
    {
        "slug": "exam-wellbeing-week",
        "title": "A wellbeing week before mock exams",
        "summary": "A secondary school and its sixth form cut exam stress with a week of practical sessions for "
        "students and parents.",
        "date": date(2026, 11, 10),
        "topics": ["exam-stress", "anxiety"],
        "principles": [3, 7],
        "body": [
            _heading("What the school did"),
            _paragraph(
                "<p>In the week before mock exams, tutor time covered revision planning, sleep and relaxation. "
                "An evening session for parents and carers explained how to help at home.</p>"
            ),
            _heading("What changed"),
            _paragraph(
                "<p>Fewer students asked to leave exams because of anxiety, and students said they felt more "
                "prepared. The school now runs the week before every exam season.</p>"
            ),
        ],
    },
]

FORUM_NOTES = [
    {
        "slug": "forum-notes-2026-q1",
        "title": "Safeguarding Leads Forum: March 2026",
        "summary": "Notes of the spring meeting: online harms, updated referral routes and sharing practice on "
        "disclosure.",
        "date": date(2026, 3, 18),
        "topics": ["online-safety", "adverse-childhood-experiences"],
        "body": [
            _heading("Themes discussed"),
            _paragraph(
                "<ul><li>rising reports of online harms involving primary-age children</li>"
                "<li>changes to the referral form used by the children's services front door</li>"
                "<li>how schools record disclosures consistently</li></ul>"
            ),
            _heading("Actions"),
            _paragraph(
                "<p>The School Wellbeing Service will circulate the disclosure toolkit before the next meeting. "
                "No individual cases were discussed.</p>"
            ),
        ],
    },
    {
        "slug": "forum-notes-2026-q2",
        "title": "Safeguarding Leads Forum: June 2026",
        "summary": "Notes of the summer meeting: self-harm pathways, transition information and staff supervision.",
        "date": date(2026, 6, 17),
        "topics": ["self-harm", "transition", "staff-wellbeing"],
        "body": [
            _heading("Themes discussed"),
            _paragraph(
                "<ul><li>the local pathway for pupils who self-harm, and when to refer</li>"
                "<li>what safeguarding information moves with pupils from primary to secondary school</li>"
                "<li>supervision for designated safeguarding leads</li></ul>"
            ),
        ],
    },
    {
        "slug": "forum-notes-2026-q4",
        "title": "Safeguarding Leads Forum: October 2026",
        "summary": "Notes of the autumn meeting: bullying and child-on-child abuse, and exam-season pressures.",
        "date": date(2026, 10, 14),
        "topics": ["bullying", "exam-stress"],
        "body": [
            _heading("Themes discussed"),
            _paragraph(
                "<ul><li>telling the difference between bullying and child-on-child abuse, and responding to each"
                "</li><li>early planning for the pressures of the exam season</li></ul>"
            ),
        ],
    },
]


@transaction.atomic
def build_demo(home):
    """Create and publish the three libraries under `home`; return {name: page} for the index pages."""
    documents = {
        "self-harm": _document(
            "Responding to self-harm: a quick guide for school staff", "self-harm-quick-guide.txt", SELF_HARM_GUIDE
        ),
        "forum": _document("Safeguarding Leads Forum: terms of reference", "forum-terms-of-reference.txt", FORUM_TERMS),
    }
    resources = _index(
        ResourceIndexPage,
        home,
        "pshe-resources",
        show_in_menus=True,
        title="PSHE resources",
        summary="Lesson plans, guidance and toolkits for personal, social, health and economic education and "
        "whole-school wellbeing.",
        intro="<p>Filter by topic, key stage, audience and type. Resources with the PSHE Association Quality Mark "
        "have been independently checked.</p>",
    )
    interventions = _index(
        InterventionIndexPage,
        home,
        "interventions",
        show_in_menus=True,
        title="Interventions",
        summary="Evidence-based programmes schools can adopt to strengthen protective factors and reduce risk "
        "factors for mental health.",
        intro="<p>Check the strength of evidence before choosing a programme. Where the evidence is weak, you will "
        "need a strong evaluation plan: your School Wellbeing Worker can help.</p>",
    )
    best_practice = _index(
        BestPracticeIndexPage,
        home,
        "best-practice",
        show_in_menus=True,
        title="Best practice",
        summary="Case studies from schools and notes of the quarterly Safeguarding Leads Forum, by cluster.",
        intro="<p>Case studies and notes never identify pupils.</p>",
    )

    for item in INTERVENTIONS:
        item = dict(item)
        relations = {
            "topics": _terms(Topic, item.pop("topics")),
            "thrive_groupings": _terms(ThriveGrouping, item.pop("thrive")),
            "principles": _principles(item.pop("principles")),
        }
        _child(interventions, InterventionPage, item.pop("slug"), relations, **item)

    for item in RESOURCES:
        item = dict(item)
        relations = {
            "topics": _terms(Topic, item.pop("topics")),
            "key_stages": _terms(KeyStage, item.pop("key_stages")),
            "audiences": _terms(Audience, item.pop("audiences")),
            "resource_types": _terms(ResourceType, item.pop("types")),
            "principles": _principles(item.pop("principles")),
        }
        attachments = []
        if document_key := item.pop("document", None):
            attachments.append({"type": "document", "value": {"document": documents[document_key].pk, "title": ""}})
        for url, title, description in item.pop("links", []):
            attachments.append({"type": "link", "value": {"url": url, "title": title, "description": description}})
        _child(
            resources,
            ResourcePage,
            item.pop("slug"),
            relations,
            pshe_quality_mark=item.pop("quality_mark"),
            attachments=attachments,
            **item,
        )

    clusters = list(Cluster.objects.order_by("name"))

    def cluster_for(position):
        return clusters[position % len(clusters)] if clusters else None

    for position, item in enumerate(CASE_STUDIES):
        item = dict(item)
        cluster = cluster_for(position)
        relations = {
            "topics": _terms(Topic, item.pop("topics")),
            "principles": _principles(item.pop("principles")),
            "schools": list(cluster.schools.order_by("name")[:2]) if cluster else [],
        }
        _child(best_practice, CaseStudyPage, item.pop("slug"), relations, cluster=cluster, **item)

    for position, item in enumerate(FORUM_NOTES):
        item = dict(item)
        relations = {"topics": _terms(Topic, item.pop("topics"))}
        attachments = [{"type": "document", "value": {"document": documents["forum"].pk, "title": ""}}]
        _child(
            best_practice,
            ForumNotesPage,
            item.pop("slug"),
            relations,
            cluster=cluster_for(position),
            attachments=attachments,
            **item,
        )

    return {"resources": resources, "interventions": interventions, "best_practice": best_practice}
