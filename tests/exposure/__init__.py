"""The exposure sweep: every URL the portal answers, opened as every role, searched for
personal data the role may not see (``test_exposure_sweep.py``).

- ``world.py`` builds the people and records, each with greppable markers;
- ``policy.py`` says which role may see which marker;
- ``patterns.py`` walks the URL resolver and fills each pattern from the world;
- ``crawl.py`` opens the URLs as one role, follows links and exports, finds leaks;
- ``report.py`` prints the role × surface matrix and the list of leaks.
"""
