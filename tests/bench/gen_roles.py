#!/usr/bin/env python3
"""Deterministic set of N valid role blueprints for the benchmark (stdlib only).

usage: gen_roles.py N OUTDIR

Writes OUTDIR/roles/<id>.xml (N blueprints, ~7 KB each, valid against
xml/schema/blueprint.rng), and copies xml/ladders.xml and xml/handbook.xml
into OUTDIR, so that `rolepress validate OUTDIR` is silent and
`rolepress handbook OUTDIR -o book.pdf` prints all N roles.

The set is built from "tracks": a track is one specialism in one family
(e.g. "Retail Cloud Engineer") with a role at each of 3-6 consecutive levels
of the ladder.  Roles are numbered track by track, so role i is the same
role (same id, same text) whatever N is; only the references of the last,
truncated track change (a reference to a role that is not in the set
becomes a title-only reference).  References:
  * promotion: the next role up the same track, sometimes also a role one
    or two levels up in an earlier track of the same family (levels always
    go up, so there are no cycles);
  * lateral: a role at the same level in an earlier track;
  * feeder: the role below in the same track, else a title outside the set;
  * reports-to: the role above in the same track, else a title;
  * collaborators: earlier roles of the set and titles of teams.
Skills come from a shared pool per family plus common skills, so the
handbook's skills index and level comparisons grow with N the way a real
ladder's would; proficiency grows with the level.

Every role is generated from its own seed (SEED + track, SEED + role), with
real English words so that line breaking and hyphenation do realistic work.
"""
import os
import random
import re
import shutil
import sys
from xml.sax.saxutils import escape

SEED = 7310
HERE = os.path.dirname(os.path.abspath(__file__))
XMLDIR = os.path.join(HERE, "..", "..", "xml")

LEVELS = ["associate", "professional", "senior", "staff", "principal", "distinguished", "executive"]
PREFIX = ["Associate", "", "Senior", "Staff", "Principal", "Distinguished", "Chief"]
PROFS = ["awareness", "working", "practitioner", "advanced", "expert"]

# family id -> (specialisms, role nouns, first rank, max rank, track length range)
FAMILIES = {
    "infrastructure-platform": (["Cloud", "Network", "Compute", "Storage", "Platform", "DevOps",
                                 "Observability", "Edge", "Release", "Reliability"],
                                ["Engineer", "Architect", "Specialist"], 1, 7, (4, 6)),
    "data-ai": (["Data", "Analytics", "Machine Learning", "MLOps", "AI", "Data Quality", "Search",
                 "Experimentation"], ["Engineer", "Architect", "Scientist", "Analyst"], 1, 7, (4, 6)),
    "security": (["Application Security", "Identity", "Cryptography", "Threat Detection",
                  "Cloud Security", "Privacy"], ["Engineer", "Architect", "Analyst"], 1, 7, (3, 5)),
    "enterprise": (["Enterprise", "Integration", "Commerce", "Payments", "ERP", "Digital Channels",
                    "Partner Platform"], ["Architect", "Consultant", "Engineer"], 2, 7, (3, 5)),
    "architecture-leadership": (["Architecture", "Technical Strategy", "Engineering Standards"],
                                ["Architect", "Strategist"], 4, 7, (3, 4)),
    "trust-safety": (["Trust and Safety", "Fraud", "Content Integrity", "Abuse Prevention", "Risk"],
                     ["Analyst", "Specialist", "Investigator"], 2, 5, (3, 4)),
}
# the order tracks are dealt in: bigger families come up more often
FAMILY_CYCLE = ["infrastructure-platform", "data-ai", "security", "enterprise", "data-ai",
                "infrastructure-platform", "trust-safety", "enterprise", "data-ai",
                "architecture-leadership"]
AREAS = ["Retail", "Logistics", "Banking", "Health", "Media", "Travel", "Energy", "Insurance",
         "Mobility", "Public Sector", "Gaming", "Telecom", "Education", "Manufacturing",
         "Hospitality", "Agriculture", "Marketplace", "Subscriptions", "Payroll", "Supply Chain",
         "Customer Care", "Advertising", "Real Estate", "Automotive", "Aviation", "Pharma",
         "Utilities", "Wealth", "Lending", "Loyalty"]
OWNERS = ["Architecture Practice", "Platform Office", "Data Office", "Security Office",
          "People Team", "Engineering Office", "Trust Office"]

FAMILY_SKILLS = {
    "infrastructure-platform": ["Cloud platforms", "Networking", "Infrastructure as code",
                                "Site reliability engineering", "Containers and orchestration",
                                "Capacity planning", "Observability", "Incident management",
                                "Continuous delivery", "Linux systems", "Cost management (FinOps)",
                                "Disaster recovery"],
    "data-ai": ["Data modelling", "Machine learning", "Data governance", "Statistics",
                "Data pipelines", "MLOps", "Generative AI and LLM systems", "SQL and query tuning",
                "Experiment design", "Data visualisation", "Stream processing",
                "Responsible AI and model risk"],
    "security": ["Security architecture", "Threat modelling", "Identity and access management",
                 "Cryptography", "Secure coding", "Vulnerability management", "Detection engineering",
                 "Privacy engineering", "Security incident response", "Compliance frameworks",
                 "Penetration testing"],
    "enterprise": ["Enterprise architecture", "Integration and APIs", "Business capability modelling",
                   "Event-driven architecture", "Domain-driven design", "Vendor management",
                   "Business analysis", "Payments systems", "ERP platforms", "Portfolio management",
                   "Legacy modernisation"],
    "architecture-leadership": ["Technical strategy", "Enterprise architecture", "Architecture governance",
                                "Organisation design", "Budget ownership", "Executive communication",
                                "Talent development", "Technology radar", "Risk management"],
    "trust-safety": ["Fraud detection", "Content policy", "Investigations", "Risk management",
                     "Abuse analytics", "Regulatory compliance", "Case management",
                     "Crisis communication", "Data analysis"],
}
COMMON_SKILLS = [("Stakeholder management", "communication"), ("Written communication", "communication"),
                 ("Mentoring and coaching", "leadership"), ("Decision making", "leadership"),
                 ("Negotiation", "business"), ("Prioritisation", "business"),
                 ("Facilitation", "communication"), ("Change management", "leadership"),
                 ("Product thinking", "business"), ("Architecture design and patterns", "technical")]
CATEGORY = {}
for fam, names in FAMILY_SKILLS.items():
    for k, n in enumerate(names):
        CATEGORY.setdefault(n, ["technical", "technical", "domain", "technical", "business"][k % 5])
for n, c in COMMON_SKILLS:
    CATEGORY[n] = c

# ------------------------------------------------------------------ words
VERBS = ["design", "define", "maintain", "review", "lead", "coordinate", "measure", "improve",
         "document", "automate", "assess", "publish", "plan", "agree", "track", "run", "own",
         "evaluate", "negotiate", "guide", "simplify", "standardise", "prioritise", "monitor",
         "reduce", "align", "establish", "validate", "retire", "migrate", "consolidate", "audit",
         "forecast", "benchmark", "harden", "scale", "modernise", "sponsor", "explain", "approve"]
VERBS3 = {"run": "runs", "own": "owns"}
ADJS = ["shared", "reusable", "critical", "cross-team", "long-term", "quarterly", "production",
        "regional", "customer-facing", "internal", "automated", "secure", "consistent", "reliable",
        "measurable", "documented", "scalable", "compliant", "cost-effective", "well-tested",
        "strategic", "operational", "federated", "resilient", "transparent", "observable",
        "incremental", "standard", "approved", "sustainable"]
NOUNS = ["reference architectures", "service-level objectives", "capacity plans", "migration roadmaps",
         "deployment pipelines", "cost reports", "design reviews", "risk registers", "libraries",
         "incident reviews", "data models", "access policies", "release criteria", "vendor contracts",
         "runbooks", "interfaces", "platform services", "dashboards", "guardrails", "controls",
         "standards", "decision records", "test strategies", "budgets", "operating models",
         "integration patterns", "recovery plans", "evaluation suites", "playbooks", "templates",
         "roadmaps", "requirements", "metrics", "workflows", "environments", "schemas",
         "escalation paths", "training materials", "component catalogues", "maturity assessments"]
TAILS = ["so that teams can ship safely", "to keep costs within budget", "for every product in the domain",
         "across the covered products", "with the owning teams", "before each release",
         "in line with company policy", "for the whole organisation", "with clear ownership",
         "without slowing delivery down", "that other teams can reuse", "based on measured evidence",
         "within agreed service levels", "for the next planning cycle", "together with finance",
         "at the pace the business needs", "with security and privacy built in",
         "so that audits find nothing new", "as the estate grows", "for customers in every region"]
SUBJ = ["Delivery teams", "Product managers", "Engineering leads", "Operations staff", "Auditors",
        "Customers", "Partner teams", "Finance", "The leadership team", "New joiners"]
OUTCOMES = ["rely on the results", "plan with confidence", "see the trade-offs early",
            "avoid duplicated effort", "recover quickly from failures", "understand the costs",
            "trust the numbers", "meet their commitments", "find answers without asking",
            "make decisions faster"]
CONNECT = ["because", "while", "whenever", "so that", "even when", "after"]
COLLAB_TEAMS = ["Product managers", "Delivery teams", "Finance partners", "Legal and privacy reviewers",
                "Customer support leads", "Site reliability engineers", "Procurement",
                "Internal audit", "Service owners", "Programme managers", "Vendor account teams",
                "Operations centre"]
DEGREES = ["computer science", "software engineering", "mathematics", "statistics", "information systems",
           "electrical engineering", "economics", "physics", "criminology", "business administration"]
CERTS = ["a recognised cloud architecture certification", "CISSP or an equivalent security certification",
         "TOGAF or another enterprise architecture framework", "ITIL Foundation",
         "a professional data engineering certification", "CFE (Certified Fraud Examiner)",
         "a Kubernetes administrator certification", "PRINCE2 or an agile delivery certification"]
CADENCES = ["weekly", "monthly", "quarterly", "half-yearly", "yearly", "per-release"]
KPI_NAMES = ["Availability", "Change failure rate", "Lead time", "Cost against budget", "Reuse",
             "Adoption", "Review turnaround", "Incident count", "Audit findings", "Customer satisfaction",
             "Forecast accuracy", "Coverage", "Time to restore", "Backlog age", "Policy exceptions",
             "Model quality", "Detection rate", "False positives", "Onboarding time", "Engagement"]
GROUPS = [("strategic", ["Direction", "Strategy", "Roadmap", "Technology choices"]),
          ("delivery", ["Solution design", "Delivery", "Build and release", "Design work"]),
          ("operational", ["Operations", "Running the service", "Service health"]),
          ("governance", ["Governance", "Standards and controls", "Risk and compliance"]),
          ("cross-functional", ["Enablement", "Partnership", "Working across teams"]),
          ("leadership", ["Leadership", "Influence"]),
          ("people", ["People", "Growing the team"])]


class Text:
    def __init__(self, r):
        self.r = r

    def obj(self):
        r = self.r
        return "%s %s" % (r.choice(ADJS), r.choice(NOUNS))

    def item(self):
        """An imperative sentence of ~16-24 words (a responsibility)."""
        r = self.r
        s = "%s %s and %s %s %s" % (r.choice(VERBS).capitalize(), self.obj(), r.choice(VERBS),
                                    self.obj(), r.choice(TAILS))
        if r.random() < 0.5:
            s += ", %s %s %s" % (r.choice(CONNECT), r.choice(SUBJ).lower(), r.choice(OUTCOMES))
        return s + "."

    def third(self, who):
        """A third-person sentence of ~14-22 words."""
        r = self.r
        v = self.verb3(r.choice(VERBS))
        s = "%s %s %s %s" % (who, v, self.obj(), r.choice(TAILS))
        x = r.random()
        if x < 0.4:
            s += ", so that %s %s" % (r.choice(SUBJ).lower(), r.choice(OUTCOMES))
        elif x < 0.55:
            s += " \u2013 %s, %s and %s \u2013" % (r.choice(NOUNS), r.choice(NOUNS), r.choice(NOUNS))
            s += " and %s them" % r.choice(VERBS)
        elif x < 0.7:
            s += "; the organisation\u2019s %s depend on it" % r.choice(NOUNS)
        return s + "."

    def para(self, who, n):
        return " ".join(self.third(who if k % 2 == 0 else "The role") for k in range(n))

    def summary(self):
        r = self.r
        return "%s %s and %s %s %s, so that %s %s." % (
            self.verb3(r.choice(VERBS)).capitalize(), self.obj(), self.verb3(r.choice(VERBS)),
            self.obj(), r.choice(TAILS), r.choice(SUBJ).lower(), r.choice(OUTCOMES))

    @staticmethod
    def verb3(v):
        if v in VERBS3:
            return VERBS3[v]
        if v.endswith("y"):
            return v[:-1] + "ies"
        return v + ("es" if v.endswith(("s", "sh", "ch")) else "s")

    def short(self):
        r = self.r
        return "%s %s %s." % (r.choice(VERBS).capitalize(), self.obj(), r.choice(TAILS))


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def make_tracks(n):
    """Tracks in order until they hold n roles: (family, area, specialism, noun, first rank, length)."""
    tracks, used, total, t = [], set(), 0, 0
    while total < n:
        r = random.Random(SEED * 1000 + t)
        fam = FAMILY_CYCLE[t % len(FAMILY_CYCLE)]
        specs, nouns, lo, hi, (lmin, lmax) = FAMILIES[fam]
        while True:
            key = (r.choice(AREAS), r.choice(specs), r.choice(nouns))
            if key not in used:
                used.add(key)
                break
        length = r.randint(lmin, lmax)
        first = r.randint(lo, max(lo, hi - length + 1))
        length = min(length, hi - first + 1)
        tracks.append((fam,) + key + (first, length))
        total += length
        t += 1
    return tracks


def build_set(n):
    """The list of n roles: dicts with id, title, family, rank, track, position."""
    roles = []
    for ti, (fam, area, spec, noun, first, length) in enumerate(make_tracks(n)):
        for k in range(length):
            rank = first + k
            if len(roles) == n:
                break
            lvl = rank - 1
            if rank == 7:
                title = "Chief %s %s %s" % (area, spec, noun)
            else:
                title = " ".join(x for x in (PREFIX[lvl], area, spec, noun) if x)
            roles.append(dict(i=len(roles), id=slug(title), title=title, family=fam, rank=rank,
                              track=ti, area=area, spec=spec, noun=noun))
    return roles


def role_xml(roles, by_track, by_rank_fam, ro):
    i = ro["i"]
    r = random.Random(SEED + 7919 * i)
    tx = Text(r)
    e = escape
    rank, fam, title = ro["rank"], ro["family"], ro["title"]
    same = by_track[ro["track"]]
    up = next((x for x in same if x["rank"] == rank + 1), None)
    down = next((x for x in same if x["rank"] == rank - 1), None)
    first_of_track = same[0]["i"]  # roles before it belong to earlier tracks
    o = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<role id="%s" xml:lang="en">' % ro["id"],
         "  <meta>",
         "    <version>1.%d</version>" % r.randint(0, 9),
         "    <owner>%s</owner>" % r.choice(OWNERS),
         "    <status>%s</status>" % r.choice(["approved"] * 4 + ["review", "draft"]),
         "    <last-reviewed>2026-%02d-%02d</last-reviewed>" % (r.randint(1, 12), r.randint(1, 28)),
         "  </meta>",
         "  <title>%s</title>" % e(title),
         "  <family>%s</family>" % fam,
         "  <level>%s</level>" % LEVELS[rank - 1]]
    who = "The %s" % title
    o.append("  <summary>%s</summary>" % e(tx.summary()))
    o.append("  <purpose>")
    o.append("    <p>%s</p>" % e(tx.para(who, 3)))
    p2 = e(tx.para("The role", 2))
    if r.random() < 0.5:  # some emphasis, as real blueprints have
        p2 = p2.replace(" so that ", " <em>so that</em> ", 1)
    o.append("    <p>%s</p>" % p2)
    o.append("  </purpose>")
    o.append("  <scope>")
    o.append("    <p>%s</p>" % e(tx.para(who, 2)))
    o.append("    <p>They do not own %s or %s. %s</p>" % (e(tx.obj()), e(tx.obj()), e(tx.third("The role"))))
    o.append("  </scope>")
    o.append("  <reporting>")
    if up:
        o.append('    <reports-to role="%s">%s</reports-to>' % (up["id"], e(up["title"])))
    else:
        o.append("    <reports-to>%s</reports-to>" % e("Head of %s %s" % (ro["area"], ro["spec"])))
    for _ in range(2):
        if first_of_track:
            c = roles[r.randrange(first_of_track)]
            o.append('    <collaborator role="%s">%s: %s</collaborator>' % (
                c["id"], e(c["title"]), e("%s and %s" % (tx.obj(), tx.obj()))))
    for _ in range(2):
        o.append("    <collaborator>%s: %s</collaborator>" % (
            r.choice(COLLAB_TEAMS), e("%s %s" % (r.choice(VERBS), tx.obj()))))
    o.append("  </reporting>")
    o.append("  <responsibilities>")
    kinds = r.sample(GROUPS[:5] if rank < 5 else GROUPS, 4)
    for kind, titles in kinds:
        o.append('    <group kind="%s" title="%s">' % (kind, e(r.choice(titles))))
        for _ in range(r.randint(2, 3)):
            o.append("      <item>%s</item>" % e(tx.item()))
        o.append("    </group>")
    o.append("  </responsibilities>")
    o.append("  <deliverables>")
    for _ in range(3):
        o.append("    <deliverable>%s</deliverable>" % e(tx.short()))
    o.append("  </deliverables>")
    # skills: the track's pool, mostly shared between its levels
    tr = random.Random(SEED + 104729 * ro["track"])
    pool = tr.sample(FAMILY_SKILLS[fam], 8) + [n for n, _ in tr.sample(COMMON_SKILLS, 5)]
    picked = pool[:7] + r.sample(pool[7:], 3)
    o.append("  <skills>")
    for name in picked:
        base = {1: 1, 2: 2, 3: 3, 4: 3, 5: 4, 6: 4, 7: 4}[rank]
        p = max(1, min(5, base + r.choice([0, 0, 0, 1, -1 if rank > 3 else 0])))
        o.append('    <skill name="%s" category="%s" proficiency="%s">%s</skill>' % (
            e(name), CATEGORY[name], PROFS[p - 1], e(tx.short())))
    o.append("  </skills>")
    o.append("  <qualifications>")
    years = [0, 1, 3, 6, 9, 12, 15][rank - 1]
    o.append('    <experience years="%d">%s</experience>' % (
        years, e("%s in %s work, including %s." % (
            "At least %d years" % years if years else "Some experience", ro["spec"].lower(), tx.obj()))))
    o.append("    <experience>%s</experience>" % e("Hands-on experience with %s %s." % (tx.obj(), r.choice(TAILS))))
    o.append('    <education required="no">%s</education>' % e(
        "A degree in %s or a related field, or equivalent practical experience." % r.choice(DEGREES)))
    o.append('    <certification required="no">%s</certification>' % e((lambda c: c[0].upper() + c[1:] + ".")(r.choice(CERTS))))
    o.append("  </qualifications>")
    o.append("  <kpis>")
    for name in r.sample(KPI_NAMES, 4):
        target = r.choice(["\u2265 %d %%" % r.randint(80, 99), "\u2264 %d days" % r.randint(2, 30),
                           "0 high-severity findings", "Within \u00b1 %d %% of budget" % r.randint(5, 15),
                           "%d\u2013%d per quarter" % (r.randint(1, 4), r.randint(5, 9))])
        o.append('    <kpi name="%s">' % e(name))
        o.append("      <measures>%s</measures>" % e(tx.short()))
        o.append("      <target>%s</target>" % e(target))
        o.append("      <cadence>%s</cadence>" % r.choice(CADENCES))
        o.append("    </kpi>")
    o.append("  </kpis>")
    o.append("  <career-path>")
    if down:
        o.append('    <move kind="feeder" role="%s">%s</move>' % (down["id"], e(tx.short())))
    else:
        o.append('    <move kind="feeder" title="%s">%s</move>' % (
            e("Senior Software Engineer" if rank > 2 else "Graduate Engineer"), e(tx.short())))
    if up:
        o.append('    <move kind="promotion" role="%s">%s</move>' % (up["id"], e(tx.short())))
    # a second way up: a role one or two levels higher in an earlier track of the family
    ups = [x for x in by_rank_fam.get((fam, rank + 1), []) + by_rank_fam.get((fam, rank + 2), [])
           if x["i"] < i and x["track"] != ro["track"]]
    if ups and r.random() < 0.5:
        x = ups[r.randrange(len(ups))]
        o.append('    <move kind="promotion" role="%s">%s</move>' % (x["id"], e(tx.short())))
    if not up and rank < 7:
        o.append('    <move kind="promotion" title="%s">%s</move>' % (
            e("Head of %s %s" % (ro["area"], ro["spec"])), e(tx.short())))
    lats = [x for x in by_rank_fam.get((fam, rank), []) if x["i"] < i and x["track"] != ro["track"]]
    for x in r.sample(lats, min(2, len(lats))):
        o.append('    <move kind="lateral" role="%s">%s</move>' % (x["id"], e(tx.short())))
    o.append("  </career-path>")
    o.append("</role>")
    return "\n".join(o) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    n, out = int(sys.argv[1]), sys.argv[2]
    roles = build_set(n)
    by_track, by_rank_fam = {}, {}
    for ro in roles:
        by_track.setdefault(ro["track"], []).append(ro)
        by_rank_fam.setdefault((ro["family"], ro["rank"]), []).append(ro)
    assert len({ro["id"] for ro in roles}) == n, "duplicate ids"
    rdir = os.path.join(out, "roles")
    if os.path.isdir(rdir):
        shutil.rmtree(rdir)
    os.makedirs(rdir)
    for ro in roles:
        with open(os.path.join(rdir, ro["id"] + ".xml"), "w", encoding="utf-8") as f:
            f.write(role_xml(roles, by_track, by_rank_fam, ro))
    for name in ("ladders.xml", "handbook.xml"):
        shutil.copyfile(os.path.join(XMLDIR, name), os.path.join(out, name))


if __name__ == "__main__":
    main()
