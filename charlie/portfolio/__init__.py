"""The digitalisation portfolio (issue 17): strategic beacons (pejlemærker) and initiatives
serving them, ideas and needs from the front line, project descriptions and business cases (NPV
at Finansministeriet's rate, payback, early gains, sensitivity), exact prioritisation under a
budget and staff hours, the right team by skills (through ``skills.services``) and the learning
its gaps need (``learning.services``), benefits realisation, the automation register, and the
council report. It comes after wellbeing in the app order (DESIGN.md) and uses skills and
learning through their services only. Docs: docs/portfolio.md."""
