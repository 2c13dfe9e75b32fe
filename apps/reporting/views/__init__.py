"""Reporting pages, one module per part: reports (LKjIP editor and reviu), render (jobs and
downloads), forms (other printable forms), publish (publication management), portal (public)."""
