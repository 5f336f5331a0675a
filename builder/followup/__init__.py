"""Follow-up of approved insatser (issue 18.3): period reports with outcomes, forecast and participants."""
