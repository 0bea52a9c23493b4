from setuptools import find_packages, setup

requires = [
    "setuptools<81",  # pyramid 2.1 and deform 3.0.1 import pkg_resources
    "pyramid>=2.1",
    "ZODB>=6.4",
    "zodburi>=3.0",
    "ZEO>=6.2",
    "RelStorage>=4.3",  # zodbconn.uri = postgres://... (its zodburi resolver)
    "psycopg2-binary>=2.9",  # RelStorage's PostgreSQL driver
    "pyramid_zodbconn>=0.8.1",
    "pyramid_tm>=2.6",
    "pyramid_retry>=2.1.1",
    "pyramid_chameleon>=0.3",
    "deform>=3.0.1",
    "colander>=2.0",
    "icalendar>=7.3",
    "repoze.sendmail>=4.5",
    "pyramid_mailer>=0.15.1",
    "waitress>=3.0.2",
    "argon2-cffi>=23.1",
    "Babel>=2.14",
    "fpdf2>=2.7",  # PDF of minutes and motion letters, pure Python
    "hypatia>=0.5",  # search catalog: field, keyword and text indexes
    "snowballstemmer>=2.2",  # German stemming for the search (pure Python)
    "zxcvbn>=4.4",  # password strength against common and context words
    "python-dateutil>=2.8",  # RFC 5545 recurrence (rrule) for meeting series
    "holidays>=0.50",  # public holidays of the town's state, flagged in a series
    "odfpy>=1.4",  # the implementation report as OpenDocument text for the council papers
    "openpyxl>=3.1",  # import and export of an integration concept as .xlsx
]

tests_require = [
    "pytest>=8",
    "WebTest>=3.0.7",
    "aiosmtpd>=1.4",
    "playwright>=1.45",
    "lingua>=4.15",
    "pypdf>=4",
    "vobject>=0.9.9",  # second iCalendar parser for the feed tests
    "hypothesis>=6.100",  # fuzzing the schemas and forms
    "feedparser>=6",  # independent parser for the Atom feed tests
    "jsonschema>=4.17",  # the OParl 1.1 schemas judge the API
    "pytest-xdist>=3.5",  # make test runs the test files on two workers
]

setup(
    name="roundtable",
    version="0.1.0",
    description="Governance portal for a municipal round table on integration",
    packages=find_packages(exclude=["tests", "tests.*"]),
    include_package_data=True,
    package_data={"roundtable": ["locale/*/LC_MESSAGES/*.po", "locale/*/LC_MESSAGES/*.mo",
                                 "bench/*.lua"]},
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=requires,
    extras_require={"test": tests_require},
    entry_points={
        "paste.app_factory": ["main = roundtable:main"],
        "console_scripts": [
            "roundtable-init = roundtable.scripts.init:main",
            "roundtable-mailqueue = roundtable.scripts.mailqueue:main",
            "roundtable-evolve = roundtable.scripts.evolve:main",
            "roundtable-bench = roundtable.bench.run:main",
            "roundtable-zeo = roundtable.scripts.zeo:main",
            "roundtable-verify = roundtable.scripts.verify:main",
            "roundtable-backup = roundtable.scripts.backup:backup_main",
            "roundtable-restore = roundtable.scripts.backup:restore_main",
            "roundtable-pack = roundtable.scripts.pack:main",
            "roundtable-reindex = roundtable.scripts.reindex:main",
            "roundtable-follow = roundtable.scripts.follow:main",
            "roundtable-retention = roundtable.scripts.retention:main",
        ],
    },
)
