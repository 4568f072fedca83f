"""Webhooks: signed JSON notifications of case events to subscribed receivers."""
