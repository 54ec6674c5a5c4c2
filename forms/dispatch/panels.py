from wagtail.admin.ui.components import Component

from .selectors import dispatch_dashboard, low_stock_threshold


class StockPanel(Component):
    """The dashboard's blank-card stock per kecamatan in the user's scope, low stock flagged."""

    name = "blank_card_stock"
    template_name = "dispatch/stock_panel.html"
    order = 60

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"dashboards": dispatch_dashboard(user=self.user), "threshold": low_stock_threshold()}
