"""Web helpers shared by the blueprints (locale choice, template filters)."""
