"""The forum's pages: publik.py (topics, replies, the complainant's steps), pengaduan.py (the
unit's complaint queue and workflow steps, the evaluator's overview), moderasi.py (the
instansi's moderators). _bantu.py holds what they share."""
