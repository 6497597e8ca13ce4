"""Real-browser journeys: Chromium through Playwright, axe-core, and a real SMTP server.

These tests walk the service as a job seeker would, on a cheap phone's screen size, with
and without JavaScript. They are marked ``browser`` and run in the normal suite.
"""
