from django import template

from ..summary import assessment_summary

register = template.Library()


@register.inclusion_tag("assessments/includes/school_summary.html", takes_context=True)
def self_assessment_summary(context, school):
    """The school's self-assessment status with a link, for the school's portal page."""
    return {"school": school, "assessment_summary": assessment_summary(school, context["request"].user)}
