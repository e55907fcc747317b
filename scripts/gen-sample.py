#!/usr/bin/env python3
"""Generate convene's bundled sample conference.

Usage: scripts/gen-sample.py [OUTDIR]      (default: data/sample)

Writes event.cfg, speakers.csv, sessions.csv, stations.csv, tables.csv,
delegates.csv, preferences.csv and README.md describing a fictional two-day
regional education exchange (Midlands Education Exchange 2027, 11-12 March
2027).  Every person and organisation in the output is invented.

The generator is deterministic (fixed random seed, Python 3 standard library
only) and ends with a self-check of the hard constraints of the placement it
writes; it exits non-zero and says why if any of them fails.
"""

import csv
import os
import random
import sys
import unicodedata
from collections import Counter, defaultdict

SEED = 20270311
rng = random.Random(SEED)

SLOT = 15
DAYS = [
    {"date": "2027-03-11", "start": "08:30", "end": "17:30"},
    {"date": "2027-03-12", "start": "08:30", "end": "16:30"},
]


def hm(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def fmt(mins):
    return "%02d:%02d" % (mins // 60, mins % 60)


# ---------------------------------------------------------------------------
# Rooms (event.cfg)
# ---------------------------------------------------------------------------
# name, capacity, step_free, features, cafe_tables, unavailable, note
ROOMS = [
    ("Main Hall", 400, True, ["projector", "hearing_loop", "microphone", "av_recording"], 0, [],
     "ground floor; raked seating at the back, level floor at the front"),
    ("Exhibition Foyer", 350, True, ["microphone"], 0, [],
     "registration desk, exhibitors, catering points"),
    ("Cafe Hall", 120, True, ["microphone", "flipchart"], 15, [],
     "fifteen round tables of eight"),
    ("Atrium Suite", 80, True, ["projector", "microphone", "flipchart"], 0, [],
     "divisible space used for the carousels"),
    ("Lecture Theatre", 80, True, ["projector", "hearing_loop", "microphone", "av_recording"], 0, [],
     "the only hearing loop outside the Main Hall"),
    ("Studio", 60, True, ["projector", "microphone", "flipchart"], 0, [], ""),
    ("Seminar Room 1", 40, True, ["projector", "whiteboard"], 0, [], ""),
    ("Seminar Room 2", 40, True, ["projector", "whiteboard", "flipchart"], 0, [], ""),
    ("Seminar Room 3", 30, True, ["whiteboard", "flipchart"], 0, [], "no projector"),
    ("Science Lab", 30, True, ["projector", "whiteboard", "sink"], 0, [], "benches and sinks"),
    ("Library Room", 30, True, ["flipchart"], 0,
     [(2, "13:00", "16:30")], "returned to the host school for exam invigilation on Friday afternoon"),
    ("Boardroom", 20, True, ["projector", "whiteboard"], 0, [], "one boardroom table"),
    ("Upper Gallery", 50, False, ["projector", "flipchart"], 0,
     [(1, "08:30", "12:00")], "first floor, stairs only; set up for a sponsor until noon on Thursday"),
    ("Mezzanine Room", 24, False, ["whiteboard", "flipchart"], 0, [],
     "half-landing, twelve steps, no lift"),
]

# ---------------------------------------------------------------------------
# Speakers
# ---------------------------------------------------------------------------
# key, name, title, honours, organisation, email, unavailable
SPEAKERS = [
    ("captain", "Rhys Adebayo-Clarke", "Captain", "MBE RN",
     "Birmingham Games for Service 2027", "rhys.adebayo-clarke@gamesforservice2027.example",
     "1 14:00-17:30;2 08:30-16:30"),
    ("hmi_k2", "Ngozi Whitfield", "Dr", "HMI", "Ofsted", "ngozi.whitfield@ofsted.example",
     "1 08:30-17:30"),
    ("prof", "Tomasz Wiśniewski", "Professor", "OBE", "University of Mercia",
     "t.wisniewski@mercia-uni.example", "1 08:30-17:30;2 08:30-12:00"),
    ("dame", "Evelyn Achterberg-Rao", "Dame", "DBE", "Severn Vale Learning Trust",
     "evelyn.achterberg-rao@severnvale-lt.example", ""),
    ("sir", "Malcolm Everard-Dunne", "Sir", "", "Everard-Dunne Associates",
     "malcolm@everard-dunne.example", "2 12:00-16:30"),
    ("chair", "Siân Pritchard-Obi", "", "", "Heartlands Academies Trust",
     "sian.pritchard-obi@heartlands-at.example", ""),
    ("hmi_d1", "Hannah Oyelaran-Briggs", "", "HMI", "Ofsted",
     "hannah.oyelaran-briggs@ofsted.example", ""),
    ("digital", "Łukasz Zieliński", "", "", "Arden Vale Multi-Academy Trust",
     "lukasz.zielinski@ardenvale-mat.example", ""),
    ("research", "Aoife Ní Bhriain", "", "", "The Engagement Partnership",
     "aoife.nibhriain@engagement-partnership.example", ""),
    ("send", "Priya Raghunathan", "", "", "Oakfield Learning Trust",
     "priya.raghunathan@oakfield-lt.example", ""),
    ("dfe", "Chidi Okonkwo", "Dr", "", "Department for Education",
     "chidi.okonkwo@dfe.example", "1 08:30-11:30"),
    ("cfo", "Renée Fontaine-Hughes", "", "", "Trent Valley Academies",
     "renee.fontaine-hughes@trentvalley-academies.example", "2 13:00-16:30"),
    ("coo", "Jonas Björklund", "", "", "Peak and Plain Trust",
     "jonas.bjorklund@peakandplain.example", ""),
    ("dsl", "Kemi Adeyemi-Ward", "", "", "Severnside Metropolitan Council",
     "kemi.adeyemi-ward@severnside.gov.example", ""),
    ("workload", "Faisal Qureshi", "", "", "Alder Road Primary School",
     "f.qureshi@alderroad-primary.example", ""),
    ("tsh", "Gareth Llewellyn-Shah", "Dr", "", "Canalside Teaching School Hub",
     "gareth.llewellyn-shah@canalside-tsh.example", ""),
    ("science", "Nuala Kowalczyk", "", "", "Brookfield Primary School",
     "nuala.kowalczyk@brookfield-primary.example", ""),
    ("edpsych", "Ifeoma Nwachukwu", "Dr", "", "University of Mercia",
     "i.nwachukwu@mercia-uni.example", ""),
    ("student", "Amira Haddad", "", "", "Kingsmere Youth Parliament",
     "amira.haddad@kingsmere-youth.example", ""),
    ("diocese", "Jonathan Fairweather-Mbeki", "Revd Canon Dr", "",
     "Diocese of Arden and Tame Board of Education",
     "jonathan.fairweather-mbeki@ardentame-dbe.example", ""),
    ("governance", "Bronwen Thackeray", "", "", "Governance Matters Midlands",
     "bronwen@governancematters.example", ""),
    ("ceo", "Ravi Chaudhary-Lewis", "", "OBE", "Heartlands Academies Trust",
     "ravi.chaudhary-lewis@heartlands-at.example", ""),
    ("attendance", "Þórunn Magnúsdóttir", "", "", "Clearpath Attendance",
     "thorunn@clearpath-attendance.example", ""),
    ("games", "Seun Bakare", "", "MBE", "Foxhollow Academy Trust",
     "seun.bakare@foxhollow-academy.example", ""),
    ("ai", "Ellen Ng", "", "", "Trentside College", "ellen.ng@trentside.ac.example", ""),
    ("digisafe", "Mateo Nuñez-Garrido", "Dr", "", "University of Mercia",
     "m.nunez-garrido@mercia-uni.example", ""),
    ("principal", "Grace Mbatha-Doyle", "", "", "Trentside College",
     "grace.mbatha-doyle@trentside.ac.example", ""),
    ("earlyhelp", "Helena Dvořáková", "", "", "Soarbrook City Council",
     "helena.dvorakova@soarbrook.gov.example", ""),
    ("exechead", "Sophie Tremayne-Osei", "", "", "Kingfisher Schools Partnership",
     "sophie.tremayne-osei@kingfisher-sp.example", ""),
    ("sbm", "Kwame Asante-Boateng", "", "", "Brindlewood Learning Trust",
     "kwame.asante-boateng@brindlewood-lt.example", ""),
    ("basecamp", "Neil Ashworth-Pillai", "", "", "Brindlewood Learning Trust",
     "neil.ashworth-pillai@brindlewood-lt.example", ""),
    ("smallschool", "Matthew Pearce-Ndlovu", "", "", "St Chad's CE Primary School, Ashbury",
     "head@stchads-ashbury.example", ""),
    ("reading", "Leila Farahani", "", "", "Arden Vale Multi-Academy Trust",
     "leila.farahani@ardenvale-mat.example", ""),
    ("aiprov", "Keiko Tanaka-Brennan", "Dr", "", "Leading Learning AI",
     "keiko@leadinglearning-ai.example", "2 08:30-16:30"),
]
SPK = {s[0]: s for s in SPEAKERS}


def spk_email(key):
    return SPK[key][5]


# ---------------------------------------------------------------------------
# Sessions
# ---------------------------------------------------------------------------
# Each: code, title, kind, day, start, duration, room, capacity, audience,
#       track, features, speakers(keys), pinned, extra dict
S = []


def sess(code, title, kind, day, start, dur, room, cap=None, aud="all", track="",
         feats=(), spk=(), pinned=None, **extra):
    if pinned is None:
        pinned = kind in ("keynote", "break", "meal", "networking", "plenary")
    S.append(dict(code=code, title=title, kind=kind, day=day, start=hm(start), dur=dur,
                  room=room, cap=cap, aud=aud, track=track, feats=list(feats),
                  spk=list(spk), pinned=pinned, **extra))


# ---- Day 1: Thursday 11 March 2027 -------------------------------------
sess("REG1", "Registration, coffee and exhibition", "networking", 1, "08:30", 45, "Exhibition Foyer")
sess("PL1", "Welcome: why an education exchange?", "plenary", 1, "09:15", 15, "Main Hall",
     track="leadership", feats=["microphone"], spk=["chair"])
sess("K1", "Service, sport and the next generation: the Games for Service 2027 and the education syndicate",
     "keynote", 1, "09:30", 45, "Main Hall", track="youth",
     feats=["projector", "microphone"], spk=["captain"])

# Slot A 10:30-11:30
sess("P01", "Inclusion at scale: the SEND Exchange model", "panel", 1, "10:30", 60, "Main Hall",
     cap=220, track="send", feats=["microphone"], spk=["send", "edpsych", "earlyhelp"])
sess("T01", "AI in the classroom: what our first year taught us", "talk", 1, "10:30", 60,
     "Lecture Theatre", cap=80, track="ai", feats=["projector"], spk=["ai"])
sess("T02", "Integrated curriculum and financial planning for growing trusts", "talk", 1, "10:30", 60,
     "Seminar Room 1", cap=40, aud="finance_leads;trust_ceos", track="finance",
     feats=["projector"], spk=["cfo"])
sess("T03", "Harbour Hub: early help for disadvantaged and working families", "talk", 1, "10:30", 60,
     "Studio", cap=60, track="early_help", feats=["projector"], spk=["basecamp"])
sess("W01", "Attendance: from the data dashboard to the doorstep", "workshop", 1, "10:30", 60,
     "Library Room", cap=30, track="attendance", feats=["flipchart"], spk=["attendance"])
sess("W02", "Student voice that changes things", "workshop", 1, "10:30", 60,
     "Seminar Room 2", cap=40, aud="learners;all", track="student_leadership",
     feats=["flipchart"], spk=["student"])

sess("BRK1", "Morning break", "break", 1, "11:30", 30, "Exhibition Foyer")

# Slot B 12:00-13:00
sess("P02", "The renewed Ofsted framework: questions from the floor", "panel", 1, "12:00", 60,
     "Main Hall", cap=250, track="ofsted", feats=["microphone", "hearing_loop"],
     spk=["hmi_d1", "exechead", "dfe"])
sess("T04", "Teacher workload: what we stopped doing, and what happened next", "talk", 1, "12:00", 60,
     "Upper Gallery", cap=50, aud="teachers;all", track="workload", feats=["projector"],
     spk=["workload"])
sess("T05", "A digital strategy for a growing trust", "talk", 1, "12:00", 60, "Lecture Theatre",
     cap=80, aud="trust_ceos;all", track="digital", feats=["projector"], spk=["digital"])
sess("T06", "Youth engagement through sport and service", "talk", 1, "12:00", 60, "Studio",
     cap=60, track="youth", feats=["projector"], spk=["captain", "games"])
sess("W03", "Safeguarding supervision for designated safeguarding leads", "workshop", 1, "12:00", 60,
     "Seminar Room 3", cap=30, aud="safeguarding_leads", track="safeguarding",
     feats=["flipchart"], spk=["dsl"])
sess("W04", "Governing well in a trust: the trustee's questions", "workshop", 1, "12:00", 60,
     "Boardroom", cap=20, aud="governors", track="governance", feats=["projector"],
     spk=["governance"])

sess("LUNCH1", "Lunch and exhibition", "meal", 1, "13:00", 45, "Exhibition Foyer")

# Carousel 1 (expert-led) 13:45-15:00 with slot C 13:45-14:45 alongside
sess("CAR1", "Expert carousel: AI and technology from every angle", "carousel", 1, "13:45", 75,
     "Atrium Suite", cap=72, track="ai", feats=["projector"], pinned=False,
     rotations=4, rotlen=15,
     spk=["digisafe", "ai", "edpsych", "coo", "student", "aiprov", "digital"])
sess("P03", "Reconnecting young people with education: national research on pupil engagement",
     "panel", 1, "13:45", 60, "Main Hall", cap=250, track="research",
     feats=["projector", "microphone"], spk=["research", "sir", "principal"])
sess("T07", "SEND funding and the high-needs block", "talk", 1, "13:45", 60, "Seminar Room 1",
     cap=40, aud="send_leads;finance_leads", track="send", feats=["projector"], spk=["sbm"])
sess("W05", "Practical AI tools for lesson planning", "workshop", 1, "13:45", 60, "Seminar Room 2",
     cap=40, aud="teachers;all", track="ai", feats=["projector"], spk=["tsh"])
sess("T08", "Leading a small school: mixed-age curriculum planning", "talk", 1, "13:45", 60,
     "Mezzanine Room", cap=24, aud="headteachers", track="leadership", feats=["whiteboard"],
     spk=["smallschool"])
sess("W06", "Inclusive science practicals", "workshop", 1, "13:45", 60, "Science Lab", cap=30,
     aud="teachers;send_leads", track="send", feats=["sink"], spk=["science"])
sess("T09", "Attendance and the cost of living", "talk", 1, "13:45", 60, "Lecture Theatre", cap=80,
     track="attendance", feats=["projector"], spk=["earlyhelp"])

sess("BRK2", "Afternoon break", "break", 1, "15:00", 15, "Exhibition Foyer")

# World Cafe 1 15:15-16:15 with slot D (audience breakouts) alongside
sess("CAFE1", "World Cafe: what would inclusive excellence look like in our region?", "world_cafe",
     1, "15:15", 60, "Cafe Hall", cap=112, track="inclusion", pinned=False,
     tables=14, seats=8, rounds=3)
sess("AB-HT1", "Headteachers' breakout: leading through inspection", "workshop", 1, "15:15", 60,
     "Lecture Theatre", cap=80, aud="headteachers", track="leadership", feats=["projector"],
     spk=["exechead"])
sess("AB-FIN1", "Finance leads' breakout: budgets, reserves and the pay award", "workshop", 1,
     "15:15", 60, "Seminar Room 1", cap=40, aud="finance_leads", track="finance",
     feats=["projector"], spk=["sbm"])
sess("AB-SEND1", "SEND leads' breakout: EHCP timelines and the graduated approach", "workshop", 1,
     "15:15", 60, "Studio", cap=60, aud="send_leads", track="send", feats=["flipchart"],
     spk=["send"])
sess("AB-CEO1", "Trust CEOs' round table: growth, mergers and the local authority", "workshop", 1,
     "15:15", 60, "Boardroom", cap=20, aud="trust_ceos", track="leadership", spk=["ceo"])
sess("AB-GOV1", "Governors and trustees: holding leaders to account on inclusion", "workshop", 1,
     "15:15", 60, "Seminar Room 2", cap=40, aud="governors", track="governance",
     feats=["flipchart"], spk=["diocese"])
sess("T10", "Safer recruitment and managing allegations", "talk", 1, "15:15", 60, "Main Hall",
     cap=200, track="safeguarding", feats=["projector"], spk=["dsl"])

sess("PL2", "Day one harvest: what we heard and what we will do", "plenary", 1, "16:30", 30,
     "Main Hall", track="leadership", feats=["microphone"], spk=["chair", "sir"])
sess("NET1", "Networking reception", "networking", 1, "17:00", 30, "Exhibition Foyer")

# ---- Day 2: Friday 12 March 2027 ---------------------------------------
sess("REG2", "Registration and coffee", "networking", 2, "08:30", 30, "Exhibition Foyer")
sess("K2", "The renewed inspection framework: what changes for schools, colleges and trusts",
     "keynote", 2, "09:00", 45, "Main Hall", track="ofsted",
     feats=["projector", "microphone"], spk=["hmi_k2"])

# Slot E 10:00-11:00
sess("P04", "AI in education: policy, privacy and practice", "panel", 2, "10:00", 60, "Main Hall",
     cap=250, track="ai", feats=["projector", "microphone"], spk=["dfe", "digisafe", "ai"])
sess("T11", "Reading for pleasure across a trust", "talk", 2, "10:00", 60, "Upper Gallery",
     cap=50, aud="teachers;all", track="curriculum", feats=["projector"], spk=["reading"])
sess("W07", "Designing an early help offer with your local authority", "workshop", 2, "10:00", 60,
     "Library Room", cap=30, track="early_help", feats=["flipchart"], spk=["earlyhelp"])
sess("W11", "Recruiting and keeping teachers in the Midlands", "workshop", 2, "10:00", 60,
     "Seminar Room 3", cap=30, aud="headteachers;trust_ceos;all", track="workforce",
     feats=["flipchart"], spk=["tsh"])
sess("T12", "Estates, energy and the capital bid", "talk", 2, "10:00", 60, "Seminar Room 1",
     cap=40, aud="finance_leads;trust_ceos", track="finance", feats=["projector"], spk=["coo"])
sess("T13", "Student leadership: running a youth parliament in school", "talk", 2, "10:00", 60,
     "Studio", cap=60, aud="learners;all", track="student_leadership", feats=["projector"],
     spk=["student"])
sess("W08", "Neurodiversity-friendly classrooms", "workshop", 2, "10:00", 60, "Lecture Theatre",
     cap=80, aud="teachers;send_leads", track="send", feats=["projector"], spk=["edpsych"])
sess("AB-HT2", "Headteachers' breakout: workload, wellbeing and retention", "workshop", 2, "10:00",
     60, "Atrium Suite", cap=80, aud="headteachers", track="workload", spk=["workload"])

sess("BRK3", "Morning break", "break", 2, "11:00", 30, "Exhibition Foyer")

# Carousel 2 (peer-led) 11:30-12:45 with slot F 11:30-12:30 alongside
sess("CAR2", "Peer carousel: bright spots from Midlands schools", "carousel", 2, "11:30", 75,
     "Atrium Suite", cap=72, track="school_improvement", feats=["flipchart"], pinned=False,
     rotations=3, rotlen=20)
sess("P05", "Safeguarding in a digital world", "panel", 2, "11:30", 60, "Main Hall", cap=250,
     track="safeguarding", feats=["projector", "microphone"], spk=["dsl", "digisafe", "hmi_k2"])
sess("T14", "The framework and SEND: what inspectors will look for", "talk", 2, "11:30", 60,
     "Lecture Theatre", cap=80, aud="send_leads;headteachers;all", track="ofsted",
     feats=["projector"], spk=["send"])
sess("W09", "Co-planning with AI to cut teacher workload", "workshop", 2, "11:30", 60,
     "Seminar Room 2", cap=40, aud="teachers;all", track="ai", feats=["projector"], spk=["tsh"])
sess("T15", "Transition at sixteen: colleges and schools together", "talk", 2, "11:30", 60,
     "Seminar Room 1", cap=40, track="post16", feats=["projector"], spk=["principal"])
sess("AB-FIN2", "Finance leads' breakout: procurement and shared services", "workshop", 2, "11:30",
     60, "Mezzanine Room", cap=24, aud="finance_leads", track="finance", feats=["whiteboard"],
     spk=["cfo"])
sess("AB-GOV2", "Governors' breakout: strategy days that work", "workshop", 2, "11:30", 60,
     "Boardroom", cap=20, aud="governors", track="governance", feats=["projector"],
     spk=["governance"])

sess("LUNCH2", "Lunch", "meal", 2, "12:45", 45, "Exhibition Foyer")

# World Cafe 2 13:30-14:30 with slot G alongside
sess("CAFE2", "World Cafe: the region we want in 2030", "world_cafe", 2, "13:30", 60, "Cafe Hall",
     cap=105, track="leadership", pinned=False, tables=15, seats=7, rounds=4)
sess("T16", "The youth games legacy: an education syndicate for the region", "talk", 2, "13:30",
     60, "Main Hall", cap=200, track="youth", feats=["projector"], spk=["games"])
sess("T17", "Persistent absence and the family conversation", "talk", 2, "13:30", 60, "Studio",
     cap=60, track="attendance", feats=["projector"], spk=["attendance"])
sess("W10", "Data protection and AI tools: a DPIA walk-through", "workshop", 2, "13:30", 60,
     "Seminar Room 1", cap=40, aud="all", track="digital", feats=["projector"], spk=["digital"])
sess("AB-SEND2", "SEND leads' breakout: building a SEND exchange between trusts", "workshop", 2,
     "13:30", 60, "Lecture Theatre", cap=80, aud="send_leads", track="send",
     feats=["projector"], spk=["send"])
sess("AB-CEO2", "Trust CEOs' breakout: working with the regional director", "workshop", 2, "13:30",
     60, "Boardroom", cap=20, aud="trust_ceos", track="leadership", spk=["dame", "dfe"])
sess("T18", "Oracy and student leadership", "talk", 2, "13:30", 60, "Seminar Room 2", cap=40,
     aud="learners;all", track="student_leadership", feats=["flipchart"], spk=["student"])

sess("BRK4", "Afternoon break", "break", 2, "14:30", 15, "Exhibition Foyer")

# Steering groups formed on day 2, 14:45-15:30
sess("SG-FIN", "Steering group: operations and finance", "workshop", 2, "14:45", 45,
     "Seminar Room 1", cap=40, track="steering", feats=["whiteboard"], spk=["coo"])
sess("SG-SAFE", "Steering group: safeguarding", "workshop", 2, "14:45", 45, "Seminar Room 3",
     cap=30, track="steering", feats=["flipchart"], spk=["dsl"])
sess("SG-YOUTH", "Steering group: the youth games legacy", "workshop", 2, "14:45", 45, "Studio",
     cap=60, track="steering", feats=["flipchart"], spk=["games"])
sess("SG-DIGI", "Steering group: digital strategy", "workshop", 2, "14:45", 45, "Seminar Room 2",
     cap=40, track="steering", feats=["projector"], spk=["digital"])
sess("SG-SEND", "Steering group: the SEND Exchange", "workshop", 2, "14:45", 45, "Lecture Theatre",
     cap=80, track="steering", feats=["hearing_loop"], spk=["send"])

sess("K3", "Systems that learn: professional generosity as school improvement", "keynote", 2,
     "15:30", 45, "Main Hall", track="leadership", feats=["projector", "microphone"], spk=["prof"])
sess("PL3", "Closing plenary: commitments, steering groups and next steps", "plenary", 2, "16:15",
     15, "Main Hall", track="leadership", feats=["microphone"], spk=["dame", "chair"])

SESS = {s["code"]: s for s in S}
BREAKOUT_KINDS = ("talk", "panel", "workshop")
ALLHANDS_KINDS = ("keynote", "plenary", "break", "meal", "networking")

# Carousel stations
# (topic, host key or None for peer, place, capacity, everyone, skip)
CAR1_STATIONS = [
    ("Safe, ethical and lawful AI: the non-negotiables", "digisafe", "Stage", 18, True, ""),
    ("AI for feedback and marking", "ai", "Table A", 12, False, ""),
    ("Assistive technology and AI for pupils with SEND", "edpsych", "Table B", 12, False, ""),
    ("AI in the trust back office", "coo", "Table C", 12, False, ""),
    ("What students really do with chatbots", "student", "Table D", 12, False, ""),
    ("Assessment integrity in the age of AI", "aiprov", "Table E", 12, False, ""),
    ("Writing an AI policy for a trust", "digital", "Table F", 12, False, ""),
]
CAR2_STATIONS = [
    ("Sharing a PPA timetable across six schools", "Table 1", 10, ""),
    ("Pupil voice walks: listening to pupils read", "Table 2", 10, ""),
    ("Peer review of safeguarding procedures", "Table 3", 10, ""),
    ("Curriculum for a community rich in languages", "Table 4", 10, ""),
    ("Growing the next generation of middle leaders", "Table 5", 10, ""),
    ("Opening our doors: critique without the inquisition", "Table 6", 10, ""),
    ("A shared early help offer with the local authority", "Table 7", 9, ""),
    ("Sixth-form student leaders as mentors", "Table 8", 9, "1"),
]
CAFE_QUESTIONS = {
    "CAFE1": [
        "What does inclusive excellence look like for a child with SEND in our region?",
        "Which services should be built around groups of schools, and who leads them?",
        "How do we bring pupils' lived experience into the classroom?",
        "What would make a school a safe space for every child?",
        "What does a good partnership with the local authority feel like?",
        "How do we reconnect young people who have stopped attending?",
        "What should we ask of our new political leaders?",
        "How can trusts and maintained schools share expertise freely?",
        "Where are the bright spots in your school that others should see?",
        "What would help you say yes to peer critique?",
        "How do we support families in poverty without stigma?",
        "What should the youth games leave behind for schools?",
        "How can colleges and schools plan transition together?",
        "What one barrier to inclusion could we remove this year?",
    ],
    "CAFE2": [
        "What should the operations and finance steering group tackle first?",
        "How do we share safeguarding expertise across the region?",
        "What would a regional digital strategy need to include?",
        "How should the SEND Exchange grow beyond its founding trusts?",
        "What role should learners have in running the exchange?",
        "How do we sustain professional friendships between conferences?",
        "What would make the youth games legacy last?",
        "How should teaching school hubs and trusts share CPD?",
        "Which inspection myths should we retire together?",
        "How do we make workload reduction stick?",
        "What does good early help look like in 2030?",
        "How do we recruit and keep teachers in the Midlands?",
        "What should AI be allowed to do in our schools?",
        "How do we measure whether the exchange is working?",
        "What will you do differently on Monday?",
    ],
}

# ---------------------------------------------------------------------------
# Organisations and delegates
# ---------------------------------------------------------------------------
REGIONS_WM = ["Birmingham", "Coventry", "Wolverhampton", "Staffordshire", "Warwickshire",
              "Worcestershire", "Solihull", "Sandwell", "Walsall", "Dudley", "Shropshire",
              "Herefordshire", "West Midlands"]
REGIONS_EM = ["Nottingham", "Nottinghamshire", "Leicester", "Leicestershire", "Derby",
              "Derbyshire", "Lincolnshire", "Northamptonshire", "Rutland", "East Midlands"]

# name, type, domain, region, size  (size None = random by type)
ORGS = [
    # Multi-academy trusts (uneven sizes: the big ones send a dozen)
    ("Heartlands Academies Trust", "Multi-academy trust", "heartlands-at", "Birmingham", 12),
    ("Severn Vale Learning Trust", "Multi-academy trust", "severnvale-lt", "Worcestershire", 11),
    ("Arden Vale Multi-Academy Trust", "Multi-academy trust", "ardenvale-mat", "Warwickshire", 11),
    ("Oakfield Learning Trust", "Multi-academy trust", "oakfield-lt", "Coventry", 10),
    ("Trent Valley Academies", "Multi-academy trust", "trentvalley-academies", "Nottingham", 10),
    ("Peak and Plain Trust", "Multi-academy trust", "peakandplain", "Derbyshire", 9),
    ("Brindlewood Learning Trust", "Multi-academy trust", "brindlewood-lt", "Wolverhampton", 9),
    ("Kingfisher Schools Partnership", "Multi-academy trust", "kingfisher-sp", "Staffordshire", 8),
    ("Soar Valley Education Trust", "Multi-academy trust", "soarvalley-et", "Leicester", 7),
    ("Black Country Horizons Trust", "Multi-academy trust", "bchorizons", "Dudley", 6),
    ("Cannock Chase Learning Partnership", "Multi-academy trust", "chase-lp", "Staffordshire", 6),
    ("Derwent Bridge Academy Trust", "Multi-academy trust", "derwentbridge", "Derby", 5),
    ("St Wystan Catholic Academy Trust", "Multi-academy trust", "stwystan-cat", "Leicestershire", 5),
    ("Lickey Hills Primary Trust", "Multi-academy trust", "lickeyhills-pt", "Birmingham", 4),
    ("Wreake Valley Academies", "Multi-academy trust", "wreakevalley", "Leicestershire", 4),
    ("Foxhollow Academy Trust", "Multi-academy trust", "foxhollow-academy", "Sandwell", 3),
    ("Meridian Learning Alliance", "Multi-academy trust", "meridian-la", "Solihull", 3),
    ("Lindum Gate Trust", "Multi-academy trust", "lindumgate", "Lincolnshire", 2),
    ("Nene Meadows Academy Trust", "Multi-academy trust", "nenemeadows", "Northamptonshire", 2),
    ("Welland Valley Learning Trust", "Multi-academy trust", "wellandvalley-lt", "Rutland", 6),
    ("Sherwood Edge Academies", "Multi-academy trust", "sherwoodedge", "Nottinghamshire", 5),
    # Colleges
    ("Trentside College", "College", "trentside.ac", "Nottingham", 5),
    ("Cathedral Quarter Sixth Form College", "College", "cqsfc.ac", "Coventry", 4),
    ("Black Country Technical College", "College", "bctc.ac", "Wolverhampton", 4),
    ("Charnfield College", "College", "charnfield.ac", "Leicestershire", 3),
    ("Tamworth Road College", "College", "tamworthroad.ac", "Staffordshire", 3),
    ("Derwent Valley College", "College", "derwentvalley.ac", "Derbyshire", 2),
    ("Avonside College of Further Education", "College", "avonside.ac", "Warwickshire", 2),
    # Local authorities (fictional councils)
    ("Severnside Metropolitan Council", "Local authority", "severnside.gov", "Birmingham", 6),
    ("Soarbrook City Council", "Local authority", "soarbrook.gov", "Leicester", 5),
    ("Ardenshire County Council", "Local authority", "ardenshire.gov", "Warwickshire", 4),
    ("Tamebridge Borough Council", "Local authority", "tamebridge.gov", "Walsall", 4),
    ("Erewash Vale District Council", "Local authority", "erewashvale.gov", "Derbyshire", 3),
    ("Kingsmere City Council", "Local authority", "kingsmere.gov", "Coventry", 3),
    ("Mercia Marches Council", "Local authority", "merciamarches.gov", "Shropshire", 2),
    # National bodies
    ("Department for Education", "Department for Education", "dfe", "West Midlands", 5),
    ("Ofsted", "Ofsted", "ofsted", "East Midlands", 4),
    # Teaching school hubs
    ("Canalside Teaching School Hub", "Teaching school hub", "canalside-tsh", "Birmingham", 3),
    ("Forest Edge Teaching School Hub", "Teaching school hub", "forestedge-tsh", "Nottinghamshire", 3),
    ("Three Spires Teaching School Hub", "Teaching school hub", "threespires-tsh", "Coventry", 2),
    ("Dove and Trent Teaching School Hub", "Teaching school hub", "dovetrent-tsh", "Staffordshire", 2),
    # Diocesan boards
    ("Diocese of Arden and Tame Board of Education", "Diocesan board", "ardentame-dbe", "Birmingham", 3),
    ("Catholic Diocese of Charnwood Schools Commission", "Diocesan board", "charnwood-rc", "Leicestershire", 2),
    ("Diocese of Wrekin Board of Education", "Diocesan board", "wrekin-dbe", "Shropshire", 1),
    # Support providers
    ("The Engagement Partnership", "Support provider", "engagement-partnership", "West Midlands", 3),
    ("Clearpath Attendance", "Support provider", "clearpath-attendance", "Wolverhampton", 2),
    ("Governance Matters Midlands", "Support provider", "governancematters", "Leicester", 2),
    ("Leading Learning AI", "Support provider", "leadinglearning-ai", "Birmingham", 2),
    ("Bright Ledger School Finance", "Support provider", "brightledger", "Derby", 2),
    ("Inclusion Compass", "Support provider", "inclusioncompass", "Nottingham", 2),
    ("Safer Steps Safeguarding", "Support provider", "safersteps", "Coventry", 1),
    ("Midlands Schools HR Services", "Support provider", "midlands-hr", "Solihull", 1),
    # Universities
    ("University of Mercia", "University", "mercia-uni", "Birmingham", 4),
    ("Trent Polytechnic University", "University", "trentpoly", "Nottingham", 2),
    ("Coventry Spires University", "University", "spires-uni", "Coventry", 2),
    ("University of the Peak", "University", "peak-uni", "Derby", 1),
    # Learners (student leadership bodies)
    ("Kingsmere Youth Parliament", "Learner", "kingsmere-youth", "Coventry", 4),
    ("Severnside Student Leaders Network", "Learner", "severnside-students", "Birmingham", 4),
    ("Trentside College Students' Union", "Learner", "trentside-su", "Nottingham", 3),
    ("Black Country Young Leaders", "Learner", "bc-youngleaders", "Wolverhampton", 3),
    ("Soarbrook Schools Council", "Learner", "soarbrook-schoolscouncil", "Leicester", 3),
    ("Staffordshire Young Commissioners", "Learner", "staffs-youngcommissioners", "Staffordshire", 2),
]

SCHOOL_STEMS = [
    "Alder Road", "Brookfield", "Cherry Orchard", "Dunsmore", "Elm Bank", "Fairfax Lane",
    "Greenacre", "Hollybank", "Ivy House", "Jubilee Park", "Kestrel Way", "Larkspur",
    "Millbrook", "Netherton Hill", "Orchard Vale", "Primrose Hill", "Queensway", "Rowan Tree",
    "Saltley Gate", "Thornbury", "Upton Heath", "Victoria Park", "Willowfield", "Yewtree",
    "Ashby Fields", "Beacon View", "Castle Mead", "Dovecote", "Ember Lane", "Foxglove",
    "Goldthorn", "Heathcote", "Ironbridge Road", "Juniper", "Kirkby Green", "Lockside",
    "Marsh Lane", "Nightingale", "Oldbury Wells", "Pennine Way", "Redhill", "Sycamore Drive",
]
SCHOOL_KINDS = ["Primary School", "Primary School", "Primary School", "Junior School",
                "Infant School", "Secondary School", "High School", "Nursery School",
                "CE Primary School", "Catholic Primary School", "Special School", "Community School"]


TRANSLIT = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
            "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "đ": "d", "ı": "i"}


def translit(s):
    s = "".join(TRANSLIT.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def email_part(s):
    s = translit(s).lower().replace("'", "").replace(" ", "")
    return "".join(c for c in s if c.isalnum() or c == "-")


def slug(s):
    s = translit(s).lower()
    out = []
    for ch in s:
        if ch.isalnum():
            out.append(ch)
        elif ch in " -":
            out.append("-")
    t = "".join(out)
    while "--" in t:
        t = t.replace("--", "-")
    return t.strip("-")


def build_schools():
    schools = []
    regions = REGIONS_WM + REGIONS_EM
    for i, stem in enumerate(SCHOOL_STEMS):
        kind = SCHOOL_KINDS[i % len(SCHOOL_KINDS)]
        name = "%s %s" % (stem, kind)
        dom_kind = {"Primary School": "primary", "Junior School": "junior",
                    "Infant School": "infants", "Secondary School": "secondary",
                    "High School": "high", "Nursery School": "nursery",
                    "CE Primary School": "ce-primary", "Catholic Primary School": "rc-primary",
                    "Special School": "special", "Community School": "community"}[kind]
        dom = "%s-%s" % (slug(stem), dom_kind)
        region = regions[(i * 7) % len(regions)]
        size = rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
        schools.append((name, "Maintained school", dom, region, size))
    return schools


ORGS = ORGS + build_schools()

# Name pools by heritage: (weight, first names, surnames).  Most delegates get a
# first name and surname from one pool; some are mixed, as in any staffroom.
NAME_POOLS = [
    (30, ["Hannah", "James", "Olivia", "Sarah", "Laura", "Paul", "Karen", "Ian", "Claire", "Mark",
          "Joanne", "Daniel", "Ruth", "Leanne", "Stuart", "Gemma", "Lorna", "Hollie", "Jordan",
          "Kirsty", "Grace", "Marcus", "Zoë", "Chloé", "Renée", "Matthew", "Helen", "Simon",
          "Rachel", "Tom", "Abigail", "Nathan", "Charlotte", "Lewis", "Jess", "Adam"],
     ["Hartley", "Thompson", "Roberts", "Clarke", "Fletcher", "Whitehouse", "Astley", "Bickley",
      "Cartwright", "Dunmore", "Elwell", "Foxall", "Gough", "Hollins", "Icke", "Jephcott",
      "Kettle", "Lathbury", "Mould", "Nock", "Onions", "Parkes", "Quinton", "Rudge", "Salt",
      "Tibbetts", "Underhill", "Walford", "Yardley", "Hadley", "Bright", "Stokes", "Pickering",
      "Ashdown", "Marsh", "Whitlock"]),
    (5, ["Siân", "Rhiannon", "Dafydd", "Bethan", "Catrin", "Elin", "Gareth", "Rhys", "Ffion",
         "Owain", "Angharad", "Llinos"],
     ["Llewellyn", "Pritchard", "Morgan", "Evans", "Hughes", "Jones", "Williams", "Davies",
      "Prosser", "Bowen", "Gruffydd", "Rees"]),
    (6, ["Aoife", "Niamh", "Ciarán", "Éamon", "Seán", "Dónal", "Méabh", "Sinéad", "Pádraig",
         "Róisín", "Orla", "Caoimhe"],
     ["Ó Briain", "O'Connor", "O'Sullivan", "Mac Giolla", "Ní Dhomhnaill", "Ó Ceallaigh",
      "Fitzgerald", "Brennan", "Ní Riain", "Mac Cárthaigh", "Doherty", "Quigley"]),
    (3, ["Eilidh", "Callum", "Ewan", "Kirsty", "Iona", "Fraser"],
     ["McAllister", "MacLeod", "Campbell", "Robertson", "Munro", "Sinclair"]),
    (16, ["Priya", "Ravinder", "Gurpreet", "Harpreet", "Simran", "Anjali", "Deepak", "Sunita",
          "Vikram", "Rukhsana", "Tariq", "Bilal", "Sadia", "Ayesha", "Imran", "Mohammed", "Fatima",
          "Zainab", "Yusuf", "Nadia", "Aaliyah", "Farah", "Noor", "Ibrahim", "Hamza", "Amrit",
          "Jaspreet", "Nasreen", "Arjun", "Meera"],
     ["Patel", "Begum", "Khan", "Ahmed", "Hussain", "Singh", "Kaur", "Sandhar", "Johal",
      "Chaudhry", "Malik", "Rahman", "Iqbal", "Mistry", "Shah", "Gill", "Bains", "Dhillon",
      "Akhtar", "Parmar", "Virdee", "Ali"]),
    (10, ["Amara", "Oluwaseun", "Kofi", "Abena", "Chinedu", "Adaeze", "Emeka", "Funmilayo",
          "Olamide", "Kwabena", "Ngozi", "Tunde", "Yaw", "Efua", "Chidinma", "Babajide"],
     ["Okonkwo", "Adeyemi", "Okafor", "Mensah", "Owusu", "Boateng", "Nwosu", "Eze", "Chukwu",
      "Asante", "Oyelaran", "Ogunleye", "Appiah", "Obi"]),
    (4, ["Tendai", "Nomvula", "Thandiwe", "Tatenda", "Sipho", "Rudo"],
     ["Moyo", "Dlamini", "Ndlovu", "Chikwanha", "Mahlangu", "Sibanda"]),
    (4, ["Darnell", "Marcus", "Shanice", "Jermaine", "Keisha", "Andre"],
     ["Campbell", "Francis", "Grant", "Brown", "Samuels", "Edwards"]),
    (8, ["Łukasz", "Agnieszka", "Małgorzata", "Dorota", "Piotr", "Katarzyna", "Wojciech", "Zofia"],
     ["Kowalczyk", "Nowak", "Wójcik", "Zając", "Kaczmarek", "Mazur", "Woźniak", "Sikora"]),
    (3, ["Andreea", "Mihai", "Ioana", "Radu"], ["Popescu", "Ionescu", "Dumitru", "Constantin"]),
    (5, ["Wei", "Mei", "Jun", "Xiaoling", "Hao", "Lian"], ["Chen", "Wang", "Liu", "Ng", "Zhang", "Lam"]),
    (3, ["Minh", "Linh", "Thu", "Quang"], ["Nguyen", "Tran", "Pham", "Le"]),
    (2, ["Hyun-woo", "Ji-yeon", "Min-jun"], ["Kim", "Park", "Lee"]),
    (2, ["Hiroshi", "Yuki", "Keiko"], ["Sato", "Tanaka", "Watanabe"]),
    (4, ["Gülşen", "Emre", "Ayşe", "Mehmet", "Elif"], ["Yılmaz", "Öztürk", "Çelik", "Demir", "Şahin"]),
    (3, ["Eleni", "Dimitris", "Giorgos", "Sofia"], ["Papadopoulos", "Georgiou", "Nikolaidis", "Christou"]),
    (5, ["José", "Lucía", "Álvaro", "Inés", "Nuno", "João", "Ana", "Rosa"],
     ["Nuñez", "García", "Martínez", "Rodríguez", "Gonçalves", "Conceição", "Costa", "Ferreira"]),
    (3, ["François", "Hélène", "Amélie", "Benoît"], ["Lefèvre", "Dubois", "Renard", "Fontaine"]),
    (3, ["Björn", "Søren", "Astrid", "Ingrid"], ["Jørgensen", "Søndergaard", "Lindqvist", "Bergström"]),
    (2, ["Ahmed", "Layla", "Omar", "Rania"], ["Haddad", "Mansour", "Khalil", "Saleh"]),
]
# Icelandic (patronymic) and Czech (gendered) surnames follow the first name,
# so these come whole.
WHOLE_NAMES = [("Þór", "Guðmundsson"), ("Þórunn", "Sigurðardóttir"), ("Ásdís", "Þórsdóttir"),
               ("Guðrún", "Einarsdóttir"), ("Sigurður", "Þorsteinsson"), ("Jiří", "Dvořák"),
               ("Kateřina", "Dvořáková"), ("Ondřej", "Novák"), ("Tereza", "Svobodová"),
               ("Tomáš", "Procházka"), ("Lenka", "Černá"), ("Małgorzata", "Lewandowska"),
               ("Wojciech", "Dąbrowski")]
MIX_SHARE = 0.18   # share of delegates whose surname comes from another pool
# A few names that must appear, to exercise non-ASCII handling end to end.
FEATURED = [("Zoë", "Hartley"), ("Siân", "Nuñez"), ("Łukasz", "Kowalczyk"), ("Renée", "Ó Briain"),
            ("Aoife", "Okonkwo"), ("Þór", "Patel-Guðmundsson"), ("Tomáš", "Dvořák"), ("Wei", "Ng"),
            ("Chloé", "Fitzgerald-Obi"), ("Nomvula", "D'Souza"), ("Søren", "Ní Mhurchú"),
            ("Ayşe", "Çelik-Brown")]
# People named in the seed documents: none of them may appear.
SEED_NAMES = ["Hazard", "Wilkins", "Morris-King", "Vince Green", "Barnett", "Fitzpatrick",
              "Yates", "Cruddas", "Adepitan", "Kieron White", "Atherton", "Cheryl Shirley",
              "Bexon", "Martin Post", "Emma Ing", "Wheatley", "Sandhu", "Furniss",
              "Debbie Barnes", "Andrew Burns", "McKenna", "Boulton", "Heather Sandy", "Golby",
              "Dewhurst", "Giorgio", "Kearns", "Boomer-Clark", "Chamberlain"]

# Role mix per organisation type: (job title, weight); the first of `lead` comes first.
ROLES = {
    "Multi-academy trust": {
        "lead": ["CEO"],
        "mix": [("Chief Operating Officer", 4), ("Finance Director", 4), ("Director of Education", 2),
                ("Executive Headteacher", 3), ("Headteacher", 6), ("Deputy Headteacher", 3),
                ("Trustee", 2), ("SEND Lead", 3), ("Designated Safeguarding Lead", 2),
                ("Director of Digital Strategy", 1), ("Head of HR", 1), ("Teacher", 3),
                ("Principal", 2), ("Deputy CEO", 1)],
    },
    "Maintained school": {
        "lead": ["Headteacher"],
        "mix": [("Deputy Headteacher", 3), ("SENCO", 3), ("Designated Safeguarding Lead", 2),
                ("Governor", 2), ("Chair of Governors", 1), ("School Business Manager", 4),
                ("Teacher", 3), ("Assistant Headteacher", 2)],
    },
    "College": {
        "lead": ["Principal"],
        "mix": [("Vice Principal", 3), ("Head of Inclusion", 2), ("Director of Finance", 2),
                ("Designated Safeguarding Lead", 1), ("Lecturer", 2), ("Governor", 1),
                ("Director of Digital Learning", 1)],
    },
    "Local authority": {
        "lead": ["Director of Children's Services"],
        "mix": [("Head of School Improvement", 2), ("Education Adviser", 3), ("SEND Adviser", 2),
                ("Early Help Coordinator", 2), ("Attendance Lead", 2), ("Virtual School Head", 1),
                ("Local Authority Designated Officer", 1)],
    },
    "Department for Education": {
        "lead": ["Regional Director"],
        "mix": [("Deputy Director", 1), ("Education Adviser", 2), ("Policy Lead", 1),
                ("Regional Delivery Manager", 1)],
    },
    "Ofsted": {"lead": ["Senior HMI"], "mix": [("HMI", 3), ("Regional Director", 1)]},
    "Teaching school hub": {
        "lead": ["Hub Director"],
        "mix": [("Lead for Teacher Development", 2), ("Appropriate Body Lead", 1),
                ("Specialist Leader of Education", 2)],
    },
    "Diocesan board": {"lead": ["Director of Education"],
                       "mix": [("Schools Adviser", 2), ("Governance Adviser", 1)]},
    "Support provider": {"lead": ["Managing Director"],
                         "mix": [("Adviser", 3), ("Consultant", 2), ("School Improvement Partner", 1)]},
    "University": {"lead": ["Professor of Education"],
                   "mix": [("Lecturer in Education", 2), ("Head of Initial Teacher Education", 1),
                           ("Research Fellow", 1)]},
    "Learner": {"lead": ["Student Leader"],
                "mix": [("Student Leader", 3), ("Head Student", 1), ("Youth Parliament Member", 1),
                        ("Student Governor", 1)]},
}

# Jobs of which an organisation sends at most one.
SINGULAR = {"Chief Operating Officer", "Finance Director", "Director of Education",
            "Director of Digital Strategy", "Head of HR", "Deputy CEO", "Chair of Governors",
            "School Business Manager", "Director of Finance", "Head of Inclusion",
            "Director of Digital Learning", "Regional Director", "Deputy Director", "Policy Lead",
            "Regional Delivery Manager", "Appropriate Body Lead", "Head of Initial Teacher Education",
            "Head Student", "SENCO", "Virtual School Head", "Local Authority Designated Officer",
            "Governance Adviser"}


# Audience tags derived from the job title.
def audience_tags(job, otype):
    tags = set()
    j = job.lower()
    if job in ("Headteacher", "Executive Headteacher", "Deputy Headteacher",
               "Assistant Headteacher", "Principal", "Vice Principal"):
        tags.add("headteachers")
    if job in ("CEO", "Deputy CEO"):
        tags.add("trust_ceos")
    if job in ("Chief Operating Officer", "Finance Director", "Chief Financial Officer",
               "School Business Manager", "Director of Finance"):
        tags.add("finance_leads")
    if job in ("SENCO", "SEND Lead", "Head of Inclusion", "SEND Adviser"):
        tags.add("send_leads")
    if "safeguarding" in j or job == "Local Authority Designated Officer":
        tags.add("safeguarding_leads")
    if job in ("Governor", "Chair of Governors", "Trustee", "Student Governor"):
        tags.add("governors")
    if otype == "Learner":
        tags.add("learners")
    if job in ("Teacher", "Lecturer", "Specialist Leader of Education"):
        tags.add("teachers")
    if otype in ("Local authority", "Department for Education", "Ofsted", "Diocesan board",
                 "Teaching school hub", "Support provider", "University"):
        tags.add("system_leaders")
    return tags


# Track interest by audience tag
INTEREST = {
    "headteachers": {"ofsted": 4, "leadership": 4, "workload": 3, "attendance": 2, "send": 2,
                     "ai": 2, "curriculum": 2, "safeguarding": 1.5},
    "trust_ceos": {"leadership": 4, "finance": 3, "digital": 3, "ofsted": 3, "steering": 2},
    "finance_leads": {"finance": 6, "steering": 3, "digital": 2, "ai": 1.5},
    "send_leads": {"send": 6, "early_help": 2, "ofsted": 2, "attendance": 1.5},
    "safeguarding_leads": {"safeguarding": 6, "early_help": 3, "attendance": 2, "digital": 1.5},
    "governors": {"governance": 6, "ofsted": 2, "finance": 2, "send": 1.5},
    "learners": {"student_leadership": 7, "youth": 5, "ai": 2},
    "teachers": {"ai": 4, "workload": 4, "curriculum": 3, "send": 2, "student_leadership": 1.5},
    "system_leaders": {"ofsted": 3, "research": 3, "early_help": 2, "attendance": 2, "send": 2,
                       "steering": 2},
}
POPULAR = {"ai": 1.6, "ofsted": 1.5, "send": 1.3, "youth": 1.1}


def weighted_sample(items, weights, k):
    items = list(items)
    weights = list(weights)
    out = []
    for _ in range(min(k, len(items))):
        tot = sum(weights)
        r = rng.random() * tot
        acc = 0.0
        for i, w in enumerate(weights):
            acc += w
            if r <= acc:
                break
        out.append(items.pop(i))
        weights.pop(i)
    return out


def make_delegates():
    used_names = set()
    used_emails = set()
    delegates = []
    total = sum(o[4] for o in ORGS)
    featured = dict(zip(rng.sample(range(total), len(FEATURED)), FEATURED))
    serial = -1
    for (oname, otype, dom, region, size) in ORGS:
        roles = ROLES[otype]
        for n in range(size):
            if n == 0:
                job = roles["lead"][0]
                taken = {job}
            else:
                mix = [(r, w) for r, w in roles["mix"] if r not in taken or r not in SINGULAR]
                job = weighted_sample([r for r, _ in mix], [w for _, w in mix], 1)[0]
                taken.add(job)
            serial += 1
            while True:
                if serial in featured:
                    fn, ln = featured.pop(serial)
                    break
                if rng.random() < 0.03:
                    fn, ln = rng.choice(WHOLE_NAMES)
                else:
                    pool = weighted_sample(NAME_POOLS, [p[0] for p in NAME_POOLS], 1)[0]
                    fn = rng.choice(pool[1])
                    if rng.random() < MIX_SHARE:
                        pool = weighted_sample(NAME_POOLS, [p[0] for p in NAME_POOLS], 1)[0]
                    ln = rng.choice(pool[2])
                full = fn + " " + ln
                if full in used_names:
                    continue
                if any(s.lower() in full.lower() for s in SEED_NAMES):
                    continue
                break
            used_names.add(full)
            local = "%s.%s" % (email_part(fn), email_part(ln))
            em = "%s@%s.example" % (local, dom)
            i = 2
            while em in used_emails:
                em = "%s%d@%s.example" % (local, i, dom)
                i += 1
            used_emails.add(em)
            delegates.append(dict(first=fn, last=ln, email=em, org=oname, otype=otype, job=job,
                                  region=region, access=[], ticket="Two-day delegate",
                                  keep=[], tags=audience_tags(job, otype)))
    return delegates


DELS = make_delegates()
DEL = {d["email"]: d for d in DELS}


def days_of(d):
    return {"Two-day delegate": {1, 2}, "Day 1 only": {1}, "Day 2 only": {2}}[d["ticket"]]


# Tickets: most come for both days
for d in DELS:
    r = rng.random()
    if d["otype"] == "Learner":
        d["ticket"] = "Day 1 only" if r < 0.35 else ("Day 2 only" if r < 0.55 else "Two-day delegate")
    else:
        d["ticket"] = "Day 1 only" if r < 0.07 else ("Day 2 only" if r < 0.13 else "Two-day delegate")

# Access needs
order = list(range(len(DELS)))
rng.shuffle(order)
STEP_FREE = [DELS[i] for i in order[0:7]]
LOOP = [DELS[i] for i in order[7:13]]
for d in STEP_FREE:
    d["access"].append("step_free")
for d in LOOP:
    d["access"].append("hearing_loop")
DELS[order[3]]["access"].append("dietary")           # step-free and dietary
DELS[order[9]]["access"].append("large_print")       # hearing loop and large print
for i in order[13:17]:
    DELS[i]["access"].append("large_print")
for i in order[17:45]:
    DELS[i]["access"].append("dietary")

# Keep-apart pairs (each pair listed once, on the first delegate's row)
KEEP_PAIRS = []
pool = [d for d in DELS if d["otype"] != "Learner"]
while len(KEEP_PAIRS) < 7:
    a, b = rng.sample(pool, 2)
    if a["org"] == b["org"] or not (days_of(a) & days_of(b)):
        continue
    if any({a["email"], b["email"]} & {x, y} for x, y in KEEP_PAIRS):
        continue
    KEEP_PAIRS.append((a["email"], b["email"]))
    a["keep"].append(b["email"])
# one delegate with two people to keep apart from
a = KEEP_PAIRS[0][0]
for d in pool:
    if d["email"] not in (x for p in KEEP_PAIRS for x in p) and d["org"] != DEL[a]["org"] \
            and days_of(d) & days_of(DEL[a]):
        KEEP_PAIRS.append((a, d["email"]))
        DEL[a]["keep"].append(d["email"])
        break


def attends(d, day):
    return day in days_of(d)


# ---------------------------------------------------------------------------
# Duties: World Cafe table hosts and peer-carousel hosts
# ---------------------------------------------------------------------------
def pick(cands, k, exclude):
    cands = [d for d in cands if d["email"] not in exclude]
    return rng.sample(cands, k)


busy = set()
# Peer carousel hosts (day 2): school leaders sharing their bright spots
CAR2_HOSTS = []
host_pref = [("headteachers",), ("headteachers",), ("safeguarding_leads",), ("teachers",),
             ("headteachers",), ("headteachers",), ("system_leaders",), ("learners",)]
for want in host_pref:
    c = [d for d in DELS if attends(d, 2) and d["tags"] & set(want) and d["email"] not in busy
         and (want != ("system_leaders",) or d["otype"] == "Local authority")]
    h = rng.choice(c)
    busy.add(h["email"])
    CAR2_HOSTS.append(h)

CAFE_HOSTS = {}
for code, nhosts in (("CAFE1", 10), ("CAFE2", 11)):
    s = SESS[code]
    c = [d for d in DELS if attends(d, s["day"]) and d["otype"] != "Learner"]
    hosts = pick(c, nhosts, busy)
    busy.update(h["email"] for h in hosts)
    CAFE_HOSTS[code] = hosts

# Which tables are not step-free (on the raised stage area of the Cafe Hall)
CAFE_NOT_STEP_FREE = {"CAFE1": {13, 14}, "CAFE2": {15}}

# Assign hosts to tables: a host with step_free needs never gets a stepped table.
CAFE_TABLES = {}
for code in ("CAFE1", "CAFE2"):
    s = SESS[code]
    n = s["tables"]
    hosts = list(CAFE_HOSTS[code])
    hosts.sort(key=lambda d: "step_free" in d["access"], reverse=True)
    tables = []
    # tables with a host: choose which table numbers get hosts
    sf_tables = [t for t in range(1, n + 1) if t not in CAFE_NOT_STEP_FREE[code]]
    hosted = set(rng.sample(range(1, n + 1), len(hosts)))
    # ensure step-free hosts land on step-free tables
    host_at = {}
    hosted_sf = [t for t in sorted(hosted) if t in sf_tables]
    hosted_other = [t for t in sorted(hosted) if t not in sf_tables]
    for h in hosts:
        if "step_free" in h["access"] or not hosted_other:
            t = hosted_sf.pop(0)
        else:
            t = hosted_other.pop(0)
        host_at[t] = h["email"]
    for t in range(1, n + 1):
        tables.append(dict(table=t, seats=s["seats"], host=host_at.get(t, ""),
                           question=CAFE_QUESTIONS[code][t - 1],
                           step_free=t not in CAFE_NOT_STEP_FREE[code]))
    CAFE_TABLES[code] = tables


def overlaps(a, b):
    return a["day"] == b["day"] and a["start"] < b["start"] + b["dur"] and b["start"] < a["start"] + a["dur"]


# ---------------------------------------------------------------------------
# Carousel participants and station preferences
# ---------------------------------------------------------------------------
STATIONS = {"CAR1": [], "CAR2": []}
for i, (topic, host, place, cap, every, skip) in enumerate(CAR1_STATIONS, 1):
    STATIONS["CAR1"].append(dict(n=i, topic=topic, host=spk_email(host), place=place, cap=cap,
                                 everyone=every, skip=skip))
for i, (topic, place, cap, skip) in enumerate(CAR2_STATIONS, 1):
    STATIONS["CAR2"].append(dict(n=i, topic=topic, host=CAR2_HOSTS[i - 1]["email"], place=place,
                                 cap=cap, everyone=False, skip=skip))

CAR_MEMBERS = {}
PREFS = []  # (email, choice, rank)
car_weight = {
    "CAR1": lambda d: 1 + 3 * bool(d["tags"] & {"teachers", "headteachers"})
    + 2 * ("Digital" in d["job"]) + 1.5 * bool(d["tags"] & {"learners", "finance_leads"}),
    "CAR2": lambda d: 1 + 3 * bool(d["tags"] & {"headteachers", "teachers", "send_leads"})
    + 1 * bool(d["tags"] & {"safeguarding_leads", "learners"}),
}
CAR_SIZE = {"CAR1": 68, "CAR2": 62}
for code in ("CAR1", "CAR2"):
    s = SESS[code]
    cands = [d for d in DELS if attends(d, s["day"]) and d["email"] not in busy]
    members = weighted_sample(cands, [car_weight[code](d) for d in cands], CAR_SIZE[code])
    members.sort(key=lambda d: d["email"])
    CAR_MEMBERS[code] = members
    choosable = [st for st in STATIONS[code] if not st["everyone"]]
    for d in members:
        k = rng.randint(4, min(6, len(choosable)))
        w = [1.0 + 2.0 * (i == 0) + rng.random() for i, st in enumerate(choosable)]
        # some stations are more popular
        w = [x * (1.6 if st["n"] in (2, 6) and code == "CAR1" else 1.0) for x, st in zip(w, choosable)]
        chosen = weighted_sample(choosable, w, k)
        for r, st in enumerate(chosen, 1):
            PREFS.append((d["email"], "%s:%d" % (code, st["n"]), r))

# ---------------------------------------------------------------------------
# Breakout preferences
# ---------------------------------------------------------------------------
ROOM = {r[0]: r for r in ROOMS}
BREAKOUTS = [s for s in S if s["kind"] in BREAKOUT_KINDS]


def duty_sessions(d):
    out = []
    for code, members in CAR_MEMBERS.items():
        if d in members:
            out.append(SESS[code])
    for code, hosts in CAFE_HOSTS.items():
        if d in hosts:
            out.append(SESS[code])
    if d in CAR2_HOSTS:
        out.append(SESS["CAR2"])
    return out


for d in DELS:
    duties = duty_sessions(d)
    cands, weights = [], []
    for s in BREAKOUTS:
        if not attends(d, s["day"]):
            continue
        aud = set(s["aud"].split(";"))
        if "all" not in aud and not (aud & d["tags"]):
            continue
        if "step_free" in d["access"] and not ROOM[s["room"]][2]:
            continue
        if any(overlaps(s, x) for x in duties):
            continue
        w = 1.0
        for t in sorted(d["tags"]):
            w += INTEREST.get(t, {}).get(s["track"], 0)
        if aud & d["tags"]:
            w += 4 if "all" in aud else 9
        w *= POPULAR.get(s["track"], 1.0)
        if s["track"] == "steering":
            w *= 0.8
        cands.append(s)
        weights.append(w)
    k = rng.randint(4, 6)
    assert len(cands) >= 4, (d["email"], len(cands))
    chosen = weighted_sample(cands, weights, k)
    for r, s in enumerate(chosen, 1):
        PREFS.append((d["email"], s["code"], r))


# ---------------------------------------------------------------------------
# World Cafe sign-ups: delegates free at that time take the seats the table
# hosts leave, one row each (Email, CAFE code, rank 1).
# ---------------------------------------------------------------------------
CAFE_MEMBERS = {}
for code in ("CAFE1", "CAFE2"):
    s = SESS[code]
    ranked = {}
    for email, choice, _ in PREFS:
        ranked.setdefault(email, []).append(choice)
    hosts = {h["email"] for h in CAFE_HOSTS[code]}
    def free(d):
        if not attends(d, s["day"]) or d["email"] in hosts:
            return False
        if any(overlaps(s, x) for x in duty_sessions(d)):
            return False
        for c in ranked.get(d["email"], []):
            c = c.split(":")[0]
            if c in SESS and overlaps(s, SESS[c]):
                return False
        return True
    cands = [d for d in DELS if free(d) and ("step_free" not in d["access"] or True)]
    seats = sum(t["seats"] for t in CAFE_TABLES[code]) - len(hosts)
    members = weighted_sample(cands, [1.0 for _ in cands], min(seats, len(cands)))
    members.sort(key=lambda d: d["email"])
    CAFE_MEMBERS[code] = members
    for d in members:
        PREFS.append((d["email"], code, 1))


# ---------------------------------------------------------------------------
# Self-check
# ---------------------------------------------------------------------------
class CheckFailed(Exception):
    pass


def check():
    errors = []

    def fail(msg):
        errors.append(msg)

    room_names = [r[0] for r in ROOMS]
    if len(set(room_names)) != len(room_names):
        fail("duplicate room names")
    spk_emails = {s[5] for s in SPEAKERS}
    if len(spk_emails) != len(SPEAKERS):
        fail("duplicate speaker emails")

    def parse_unav(u):
        out = []
        for part in filter(None, u.split(";")):
            day, rng_ = part.split(" ")
            a, b = rng_.split("-")
            out.append((int(day), hm(a), hm(b)))
        return out

    spk_unav = {s[5]: parse_unav(s[6]) for s in SPEAKERS}
    codes = [s["code"] for s in S]
    if len(set(codes)) != len(codes):
        fail("duplicate session codes")

    # session speakers, incl. carousel station hosts who are speakers
    sess_spk = {s["code"]: {spk_email(k) for k in s["spk"]} for s in S}
    for code in STATIONS:
        for st in STATIONS[code]:
            if st["host"] in spk_emails:
                sess_spk[code].add(st["host"])

    used_spk = set()
    for s in S:
        code = s["code"]
        day = DAYS[s["day"] - 1]
        end = s["start"] + s["dur"]
        if s["room"] not in ROOM:
            fail("%s: unknown room %s" % (code, s["room"]))
            continue
        room = ROOM[s["room"]]
        if s["start"] < hm(day["start"]) or end > hm(day["end"]):
            fail("%s: outside day %d" % (code, s["day"]))
        if s["start"] % SLOT or s["dur"] % SLOT:
            fail("%s: not on the %d-minute grid" % (code, SLOT))
        if s["cap"] is not None and s["cap"] > room[1]:
            fail("%s: capacity %d > room %s %d" % (code, s["cap"], room[0], room[1]))
        for f in s["feats"]:
            if f not in room[3]:
                fail("%s: room %s lacks %s" % (code, room[0], f))
        for (ud, ua, ub) in room[5]:
            if ud == s["day"] and s["start"] < hm(ub) and hm(ua) < end:
                fail("%s: room %s unavailable" % (code, room[0]))
        if (s["kind"] in ALLHANDS_KINDS) != s["pinned"]:
            fail("%s: pinned should be %s" % (code, s["kind"] in ALLHANDS_KINDS))
        for e in sess_spk[code]:
            used_spk.add(e)
            for (ud, ua, ub) in spk_unav[e]:
                if ud == s["day"] and s["start"] < ub and ua < end:
                    fail("%s: speaker %s unavailable" % (code, e))
        if s["kind"] == "carousel":
            if s["rotations"] * s["rotlen"] > s["dur"]:
                fail("%s: rotations do not fit" % code)
        if s["kind"] == "world_cafe":
            if s["tables"] > room[4]:
                fail("%s: %d tables > %d cafe tables in %s" % (code, s["tables"], room[4], room[0]))
            if s["tables"] * s["seats"] != s["cap"]:
                fail("%s: capacity != tables x seats" % code)
            if not (6 <= s["seats"] <= 8 and 3 <= s["rounds"] <= 4):
                fail("%s: seats/rounds out of range" % code)
    if used_spk != spk_emails:
        fail("speakers never used: %s" % sorted(spk_emails - used_spk))

    for i, a in enumerate(S):
        for b in S[i + 1:]:
            if not overlaps(a, b):
                continue
            if a["room"] == b["room"]:
                fail("room %s double-booked: %s and %s" % (a["room"], a["code"], b["code"]))
            common = sess_spk[a["code"]] & sess_spk[b["code"]]
            if common:
                fail("speaker(s) %s in %s and %s at once" % (sorted(common), a["code"], b["code"]))
            if a["kind"] in ALLHANDS_KINDS or b["kind"] in ALLHANDS_KINDS:
                fail("%s overlaps all-delegate session %s" % (a["code"], b["code"]))

    # delegates
    emails = [d["email"] for d in DELS]
    if len(set(emails)) != len(emails):
        fail("duplicate delegate emails")
    if set(emails) & spk_emails:
        fail("speaker and delegate share an email")
    for e in emails:
        if e != e.lower() or not e.endswith(".example") or not e.isascii():
            fail("bad email %s" % e)
    for d in DELS:
        full = d["first"] + " " + d["last"]
        for s_ in SEED_NAMES:
            if s_.lower() in full.lower():
                fail("seed name used: %s" % full)
        for k in d["keep"]:
            if k not in DEL or k == d["email"]:
                fail("bad keep-apart %s -> %s" % (d["email"], k))
            if d["email"] in DEL[k]["keep"]:
                fail("keep-apart pair listed twice: %s %s" % (d["email"], k))
    for s_ in SPEAKERS:
        for n in SEED_NAMES:
            if n.lower() in s_[1].lower():
                fail("seed name used for speaker %s" % s_[1])

    # preferences
    by_del_group = defaultdict(list)
    for e, choice, rank in PREFS:
        if e not in DEL:
            fail("preference for unknown delegate %s" % e)
            continue
        d = DEL[e]
        if ":" in choice:
            code, n = choice.split(":")
            grp = code
            if code not in STATIONS or not 1 <= int(n) <= len(STATIONS[code]):
                fail("bad station choice %s" % choice)
                continue
            s = SESS[code]
            if STATIONS[code][int(n) - 1]["host"] == e:
                fail("%s ranks own station %s" % (e, choice))
        elif choice in SESS and SESS[choice]["kind"] == "world_cafe":
            grp = choice
            s = SESS[choice]
            if rank != 1:
                fail("%s signs up for %s with rank %d" % (e, choice, rank))
            if any(h["email"] == e for h in CAFE_HOSTS[choice]):
                fail("%s hosts a table of %s and signs up too" % (e, choice))
            if any(c.split(":")[0] in SESS and SESS[c.split(":")[0]] is not s
                   and overlaps(s, SESS[c.split(":")[0]])
                   for e2, c, _ in PREFS if e2 == e):
                fail("%s signs up for %s and chose a session at that time" % (e, choice))
        else:
            grp = "breakouts"
            if choice not in SESS or SESS[choice]["kind"] not in BREAKOUT_KINDS:
                fail("bad breakout choice %s" % choice)
                continue
            s = SESS[choice]
            aud = set(s["aud"].split(";"))
            if "all" not in aud and not aud & d["tags"]:
                fail("%s ranks %s outside its audience" % (e, choice))
        if not attends(d, s["day"]):
            fail("%s ranks %s on a day they do not attend" % (e, choice))
        if "step_free" in d["access"] and not ROOM[s["room"]][2]:
            fail("%s needs step-free access but ranks %s in %s" % (e, choice, s["room"]))
        by_del_group[(e, grp)].append((rank, choice))
    for (e, grp), lst in by_del_group.items():
        ranks = sorted(r for r, _ in lst)
        if ranks != list(range(1, len(ranks) + 1)):
            fail("ranks of %s for %s not 1..n" % (e, grp))
        if len({c for _, c in lst}) != len(lst):
            fail("duplicate choice by %s" % e)
        if grp == "breakouts" and not 4 <= len(lst) <= 6:
            fail("%s ranks %d breakouts" % (e, len(lst)))
    for d in DELS:
        if (d["email"], "breakouts") not in by_del_group:
            fail("%s ranks no breakouts" % d["email"])

    # carousels
    for code, sts in STATIONS.items():
        s = SESS[code]
        members = {e for (e, g) in by_del_group if g == code}
        if members != {d["email"] for d in CAR_MEMBERS[code]}:
            fail("%s: members differ from those who ranked it" % code)
        n = len(members)
        if not 6 <= len(sts) <= 8:
            fail("%s: %d stations" % (code, len(sts)))
        if sum(st["everyone"] for st in sts) > 1:
            fail("%s: more than one Everyone station" % code)
        if s["cap"] < n:
            fail("%s: %d members > capacity %d" % (code, n, s["cap"]))
        if not 3 <= s["rotations"] <= 4:
            fail("%s: rotations out of range" % code)
        for r in range(1, s["rotations"] + 1):
            tot = sum(st["cap"] for st in sts if str(r) not in st["skip"].split(";"))
            if tot < n:
                fail("%s: rotation %d capacity %d < %d delegates" % (code, r, tot, n))
        for st in sts:
            runs = s["rotations"] - len([x for x in st["skip"].split(";") if x])
            if st["everyone"] and st["cap"] * runs < n:
                fail("%s: everyone-station %d too small" % (code, st["n"]))
            if st["host"] in DEL:
                if not attends(DEL[st["host"]], s["day"]):
                    fail("%s: host %s absent" % (code, st["host"]))
                if st["host"] in members:
                    fail("%s: host %s also rotates" % (code, st["host"]))
            elif st["host"] not in spk_emails:
                fail("%s: unknown host %s" % (code, st["host"]))
        # every member can fill the rotations with distinct stations
        need = s["rotations"] - sum(st["everyone"] for st in sts)
        for e in members:
            if len(by_del_group[(e, code)]) < need:
                fail("%s: %s ranks fewer stations than rotations" % (code, e))
    # cafe tables
    for code, tables in CAFE_TABLES.items():
        s = SESS[code]
        if len(tables) != s["tables"]:
            fail("%s: %d table rows for %d tables" % (code, len(tables), s["tables"]))
        hosts = [t["host"] for t in tables if t["host"]]
        if len(set(hosts)) != len(hosts):
            fail("%s: a host at two tables" % code)
        for t in tables:
            if t["host"]:
                h = DEL[t["host"]]
                if not attends(h, s["day"]):
                    fail("%s: table host %s absent" % (code, t["host"]))
                if "step_free" in h["access"] and not t["step_free"]:
                    fail("%s: step-free host at stepped table %d" % (code, t["table"]))
    # duties never overlap for any delegate
    for d in DELS:
        ds = duty_sessions(d)
        for i, a in enumerate(ds):
            for b in ds[i + 1:]:
                if overlaps(a, b):
                    fail("%s has overlapping duties %s and %s" % (d["email"], a["code"], b["code"]))
    # all-delegate sessions must be step-free
    for s in S:
        if s["kind"] in ALLHANDS_KINDS + ("world_cafe", "carousel") and not ROOM[s["room"]][2]:
            fail("%s: all-delegate session in a room that is not step-free" % s["code"])

    # sizes asked for by the brief
    orgs = {d["org"] for d in DELS}
    kinds = Counter(s["kind"] for s in S)
    if len(DELS) < 330:
        fail("only %d delegates" % len(DELS))
    if len(orgs) < 85:
        fail("only %d organisations" % len(orgs))
    if len(ROOMS) < 12:
        fail("only %d rooms" % len(ROOMS))
    if len(S) < 45:
        fail("only %d sessions" % len(S))
    if kinds["carousel"] < 2 or kinds["world_cafe"] < 2:
        fail("need two carousels and two world cafes")
    if not 25 <= len(SPEAKERS) <= 36:
        fail("%d speakers" % len(SPEAKERS))
    if len([d for d in DELS if "step_free" in d["access"]]) < 3:
        fail("too few step-free delegates")
    if errors:
        raise CheckFailed("\n".join(errors))


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------
def cfg_str(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def write_event_cfg(path):
    L = []
    L.append("# Midlands Education Exchange 2027: sample conference for convene.")
    L.append("# Fictional; generated by scripts/gen-sample.py. Do not edit by hand.")
    L.append("")
    L.append("event = { name = %s; venue = %s; timezone = \"Europe/London\"; slot_minutes = %d; };"
             % (cfg_str("Midlands Education Exchange 2027"),
                cfg_str("Lapworth House Conference Centre, Birmingham"), SLOT))
    L.append("")
    L.append("days = (")
    for i, d in enumerate(DAYS):
        L.append('  { date = "%s"; start = "%s"; end = "%s"; }%s'
                 % (d["date"], d["start"], d["end"], "," if i < len(DAYS) - 1 else ""))
    L.append(");")
    L.append("")
    L.append("rooms = (")
    for i, (name, cap, sf, feats, tables, unav, note) in enumerate(ROOMS):
        if note:
            L.append("  # %s: %s" % (name, note))
        fl = ", ".join(cfg_str(f) for f in feats)
        line = "  { name = %s; capacity = %d; step_free = %s; features = [ %s ]; cafe_tables = %d;" % (
            cfg_str(name), cap, "true" if sf else "false", fl, tables)
        if name in ROOM_KINDS:
            line += " tags = [ %s ];" % ", ".join(cfg_str(t) for t in ROOM_KINDS[name])
        if unav:
            us = ", ".join('{ day = %d; from = "%s"; to = "%s"; }' % u for u in unav)
            line += "\n    unavailable = ( %s );" % us
        line += " }" + ("," if i < len(ROOMS) - 1 else "")
        L.append(line)
    L.append(");")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(L) + "\n")


# Tags for the placement: keynotes open and close the exchange, the
# steering groups want an afternoon, panels want a hall.
TIME_TAGS = {"K1": "opening", "K3": "closing", "SG-FIN": "afternoon", "SG-SAFE": "afternoon",
             "SG-YOUTH": "afternoon", "SG-DIGI": "afternoon", "SG-SEND": "afternoon"}
ROOM_TAGS = {"P01": "hall", "P02": "hall", "P03": "hall", "P04": "hall", "P05": "hall"}
ROOM_KINDS = {"Main Hall": ["hall"], "Lecture Theatre": ["hall", "tiered"],
              "Cafe Hall": ["flat"], "Boardroom": ["quiet"], "Library Room": ["quiet"]}


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if x is None else x for x in r])


def yn(b):
    return "yes" if b else "no"


def write_all(outdir):
    os.makedirs(outdir, exist_ok=True)
    write_event_cfg(os.path.join(outdir, "event.cfg"))
    write_csv(os.path.join(outdir, "speakers.csv"),
              ["Name", "Title", "Honours", "Organisation", "Email", "Unavailable"],
              [[s[1], s[2], s[3], s[4], s[5], s[6]] for s in SPEAKERS])
    rows = []
    for s in S:
        spk = [spk_email(k) for k in s["spk"]]
        rows.append([s["code"], s["title"], s["kind"], s["dur"], s["cap"], s["aud"], s["track"],
                     ";".join(s["feats"]), ";".join(spk), s["day"], fmt(s["start"]), s["room"],
                     yn(s["pinned"]),
                     s.get("rotations"), s.get("rotlen"),
                     s.get("tables"), s.get("seats"), s.get("rounds"),
                     TIME_TAGS.get(s["code"], ""), ROOM_TAGS.get(s["code"], "")])
    write_csv(os.path.join(outdir, "sessions.csv"), HEADERS["sessions.csv"], rows)
    rows = []
    for code in ("CAR1", "CAR2"):
        for st in STATIONS[code]:
            rows.append([code, st["n"], st["topic"], st["host"], st["place"], st["cap"],
                         yn(st["everyone"]), st["skip"]])
    write_csv(os.path.join(outdir, "stations.csv"),
              ["Session", "Station", "Topic", "Host", "Place", "Capacity", "Everyone", "Skip"], rows)
    rows = []
    for code in ("CAFE1", "CAFE2"):
        for t in CAFE_TABLES[code]:
            rows.append([code, t["table"], t["seats"], t["host"], t["question"], yn(t["step_free"])])
    write_csv(os.path.join(outdir, "tables.csv"),
              ["Session", "Table", "Seats", "Host", "Question", "Step-free"], rows)
    write_csv(os.path.join(outdir, "delegates.csv"),
              ["First Name", "Last Name", "Email", "Organisation", "Organisation Type", "Job Title",
               "Region", "Access Needs", "Ticket Type", "Keep Apart"],
              [[d["first"], d["last"], d["email"], d["org"], d["otype"], d["job"], d["region"],
                ";".join(d["access"]), d["ticket"], ";".join(d["keep"])] for d in DELS])
    # one delegate after another, in delegates.csv order: breakouts, then each carousel
    pos = {d["email"]: i for i, d in enumerate(DELS)}
    grp = lambda c: c.split(":")[0] if ":" in c else ""
    rows = sorted(PREFS, key=lambda p: (pos[p[0]], grp(p[1]), p[2]))
    write_csv(os.path.join(outdir, "preferences.csv"), ["Email", "Choice", "Rank"],
              [list(p) for p in rows])
    write_readme(os.path.join(outdir, "README.md"))


def counts():
    kinds = Counter(s["kind"] for s in S)
    return dict(
        delegates=len(DELS),
        organisations=len({d["org"] for d in DELS}),
        org_types=Counter(o[1] for o in ORGS),
        rooms=len(ROOMS),
        sessions=len(S),
        kinds=kinds,
        speakers=len(SPEAKERS),
        prefs=len(PREFS),
        prefs_breakout=sum(1 for p in PREFS if ":" not in p[1] and p[1] not in CAFE_MEMBERS),
        prefs_cafe=sum(1 for p in PREFS if p[1] in CAFE_MEMBERS),
        prefs_station=sum(1 for p in PREFS if ":" in p[1]),
        keep=len(KEEP_PAIRS),
        step_free=sum("step_free" in d["access"] for d in DELS),
        loop=sum("hearing_loop" in d["access"] for d in DELS),
        tickets=Counter(d["ticket"] for d in DELS),
        car=[(c, len(CAR_MEMBERS[c])) for c in ("CAR1", "CAR2")],
    )


def write_readme(path):
    c = counts()
    kinds = ", ".join("%s %d" % (k, v) for k, v in sorted(c["kinds"].items()))
    types = ", ".join("%s %d" % (k, v) for k, v in sorted(c["org_types"].items()))
    tickets = ", ".join("%s %d" % (k, v) for k, v in sorted(c["tickets"].items()))
    txt = """# Sample conference: Midlands Education Exchange 2027

A two-day regional education exchange at the (fictional) Lapworth House
Conference Centre, Birmingham, on Thursday 11 and Friday 12 March 2027
(Europe/London). Headteachers, trust leaders, college staff, local authority
officers, the DfE, Ofsted, teaching school hubs, diocesan boards, support
providers, universities and student leaders meet for keynotes, talks, panels,
an expert-led and a peer-led carousel, two World Cafes, breakouts for
particular audiences (headteachers, finance leads, SEND leads, trust CEOs,
governors) and five steering groups formed on day 2.

**Everything here is fictional.** Every person, organisation, council, school
and email address is invented (email domains end in `.example`). The files are
generated by `scripts/gen-sample.py` (fixed random seed; run
`python3 scripts/gen-sample.py data/sample` to regenerate them); do not edit
them by hand. The generator checks its own placement for hard conflicts and
fails loudly if any exists.

## Counts

- delegates: %(delegates)d from %(organisations)d organisations (%(types)s)
- tickets: %(tickets)s
- access needs: %(step_free)d step-free, %(loop)d hearing loop (plus large print and dietary)
- keep-apart pairs: %(keep)d
- rooms: %(rooms)d
- speakers: %(speakers)d
- sessions: %(sessions)d (%(kinds)s)
- carousel delegates: %(car)s
- preferences: %(prefs)d rows (%(prefs_breakout)d breakout choices, %(prefs_station)d carousel station choices, %(prefs_cafe)d World Cafe sign-ups)

## Files

| file | what |
|---|---|
| `event.cfg` | event, days and rooms (libconfig) |
| `speakers.csv` | speakers, titles, honours, unavailable periods |
| `sessions.csv` | sessions and their placement (day, start, room, pinned) |
| `stations.csv` | carousel stations |
| `tables.csv` | World Cafe tables, hosts and questions |
| `delegates.csv` | registration export: delegates, access needs, tickets, keep-apart |
| `preferences.csv` | ranked breakout and carousel-station choices |

CSV files are RFC 4180: UTF-8 without a byte-order mark, CRLF line ends,
comma-separated, fields quoted only where needed; lists inside a field are
separated by semicolons.

## Notes on the data

- The placement in `sessions.csv` (Day, Start, Room) is complete and free of
  hard conflicts. Keynotes, plenaries, registration, breaks, meals and
  networking are pinned; everything else may be moved by the scheduler.
- Breaks, meals, registration and networking take place in the Exhibition
  Foyer; the Upper Gallery and Mezzanine Room are up stairs, and no delegate
  who needs step-free access has ranked a session placed there.
- Audience `learners;all` means open to all, aimed at the tags listed first.
- A carousel's delegates are exactly those with `CODE:N` rows in
  `preferences.csv`. The Speakers column of the expert-led carousel lists its
  station hosts (as in `stations.csv`); the peer-led carousel's hosts are
  delegates, who do not rotate and rank nothing in it. A station with
  Everyone = yes is visited by all and is not ranked. Duration includes
  changeovers (Rotations x Rotation Length <= Duration).
- World Cafe sign-ups are rows of `preferences.csv` whose Choice is the
  cafe's code (rank 1): delegates there that day who chose nothing that
  runs alongside it, as many as the seats the table hosts leave. Table hosts
  stay put and rank nothing that runs alongside their cafe.
- Breakout ranks run 1..n per delegate over both days; station ranks run
  1..n per delegate per carousel.
- A keep-apart pair is listed once, on one of the two delegates' rows.
""" % dict(c, kinds=kinds, types=types, tickets=tickets,
           car=", ".join("%s %d" % x for x in c["car"]))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(txt)


HEADERS = {
    "speakers.csv": ["Name", "Title", "Honours", "Organisation", "Email", "Unavailable"],
    "sessions.csv": ["Code", "Title", "Kind", "Duration", "Capacity", "Audience", "Track",
                     "Features", "Speakers", "Day", "Start", "Room", "Pinned", "Rotations",
                     "Rotation Length", "Tables", "Seats", "Rounds", "Time Tags", "Room Tags"],
    "stations.csv": ["Session", "Station", "Topic", "Host", "Place", "Capacity", "Everyone", "Skip"],
    "tables.csv": ["Session", "Table", "Seats", "Host", "Question", "Step-free"],
    "delegates.csv": ["First Name", "Last Name", "Email", "Organisation", "Organisation Type",
                      "Job Title", "Region", "Access Needs", "Ticket Type", "Keep Apart"],
    "preferences.csv": ["Email", "Choice", "Rank"],
}


def check_written(outdir):
    """Read the files back and check they say what was checked in memory."""
    expect = {"speakers.csv": len(SPEAKERS), "sessions.csv": len(S),
              "stations.csv": sum(len(v) for v in STATIONS.values()),
              "tables.csv": sum(len(v) for v in CAFE_TABLES.values()),
              "delegates.csv": len(DELS), "preferences.csv": len(PREFS)}
    errors = []
    for name, header in HEADERS.items():
        raw = open(os.path.join(outdir, name), "rb").read()
        if raw.startswith(b"\xef\xbb\xbf"):
            errors.append("%s: has a byte-order mark" % name)
        rows = list(csv.reader(raw.decode("utf-8").splitlines(True)))
        if rows[0] != header:
            errors.append("%s: header %r" % (name, rows[0]))
        if len(rows) - 1 != expect[name]:
            errors.append("%s: %d rows, expected %d" % (name, len(rows) - 1, expect[name]))
        for i, r in enumerate(rows[1:], 2):
            if len(r) != len(header):
                errors.append("%s:%d: %d fields" % (name, i, len(r)))
    with open(os.path.join(outdir, "sessions.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            s = SESS[r["Code"]]
            if (int(r["Day"]), hm(r["Start"]), r["Room"], int(r["Duration"])) != \
                    (s["day"], s["start"], s["room"], s["dur"]):
                errors.append("sessions.csv: %s does not read back" % r["Code"])
    if errors:
        raise CheckFailed("\n".join(errors))


def main(argv):
    outdir = argv[1] if len(argv) > 1 else os.path.join("data", "sample")
    try:
        check()
    except CheckFailed as e:
        sys.stderr.write("gen-sample: SELF-CHECK FAILED\n%s\n" % e)
        return 1
    write_all(outdir)
    try:
        check_written(outdir)
    except CheckFailed as e:
        sys.stderr.write("gen-sample: READ-BACK CHECK FAILED\n%s\n" % e)
        return 1
    c = counts()
    print("gen-sample: wrote %s" % outdir)
    print("  delegates %d, organisations %d, rooms %d, speakers %d, sessions %d"
          % (c["delegates"], c["organisations"], c["rooms"], c["speakers"], c["sessions"]))
    print("  sessions by kind: %s" % ", ".join("%s %d" % kv for kv in sorted(c["kinds"].items())))
    print("  preferences %d (breakouts %d, stations %d, cafe sign-ups %d), keep-apart pairs %d"
          % (c["prefs"], c["prefs_breakout"], c["prefs_station"], c["prefs_cafe"], c["keep"]))
    print("  carousel delegates: %s" % ", ".join("%s %d" % x for x in c["car"]))
    print("  self-check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
