"""Form plumbing shared by every front-end form: GOV.UK Design System rendering."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Layout


class GOVUKFormMixin:
    """Give a form a crispy-forms-gds helper; templates render the `<form>` tag themselves."""

    submit_label = "Continue"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        layout_fields = self.get_layout_fields()
        if layout_fields is not None:
            self.helper.layout = Layout(*layout_fields, Button("submit", self.submit_label))
        else:
            self.helper.add_input(Button("submit", self.submit_label))

    def get_layout_fields(self):
        """Override to lay fields out with crispy-forms-gds objects; None renders them in order."""
        return None
