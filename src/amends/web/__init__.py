"""The web desk: base templates, static assets, navigation and the pages agents and managers use."""
