"""Admin hooks for the "Award status" report and the Team Manager's revoke page."""

from wagtail import hooks

from .listing import admin_urls, menu_item

hooks.register("register_admin_urls", admin_urls)
hooks.register("register_admin_menu_item", menu_item)
