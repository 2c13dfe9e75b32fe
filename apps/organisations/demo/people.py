"""Invented people for the demo: Indonesian names with academic titles that fit the OPD, valid
18-digit NIPs and a pangkat/golongan that fits the position's level."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from apps.organisations.models import PositionLevel

_MALE_FIRST = (
    "Agus", "Ahmad", "Andi", "Arif", "Asep", "Bambang", "Bayu", "Budi", "Dadang", "Dedi",
    "Dimas", "Eko", "Fajar", "Fauzi", "Firman", "Gilang", "Gunawan", "Hadi", "Hasan", "Hendra",
    "Heri", "Imam", "Indra", "Irwan", "Iwan", "Joko", "Lukman", "Muhammad", "Nanang", "Rahmat",
    "Reza", "Rizky", "Rudi", "Slamet", "Sugeng", "Taufik", "Teguh", "Wahyu", "Wawan", "Yoga",
    "Yudi", "Yusuf", "Zainal", "Anton", "Bagus", "Cahyo", "Darmawan", "Edi", "Ferry", "Galih",
)  # fmt: skip
_MALE_LAST = (
    "Santoso", "Wijaya", "Pratama", "Saputra", "Hidayat", "Setiawan", "Kurniawan", "Nugroho",
    "Susanto", "Purnomo", "Hartono", "Permana", "Ramadhan", "Firmansyah", "Maulana", "Syahputra",
    "Hakim", "Rahman", "Siregar", "Nasution", "Lubis", "Harahap", "Sinaga", "Tanjung",
    "Prasetyo", "Wibowo", "Sutrisno", "Gunadi", "Suryadi", "Kusnadi", "Hermawan", "Iskandar",
)  # fmt: skip
_FEMALE_FIRST = (
    "Siti", "Sri", "Dewi", "Rina", "Yuni", "Endang", "Nur", "Wulan", "Ratna", "Fitri", "Indah",
    "Ani", "Diah", "Erna", "Heni", "Ika", "Lilis", "Maya", "Novi", "Puji", "Rini", "Susi",
    "Tuti", "Yanti", "Ayu", "Nurul", "Dian", "Desi", "Eka", "Kartika", "Laila", "Mega", "Nia",
    "Putri", "Rahma", "Sari", "Anisa", "Citra", "Retno", "Winda",
)  # fmt: skip
_FEMALE_LAST = (
    "Lestari", "Wulandari", "Rahmawati", "Handayani", "Purwanti", "Susanti", "Kusumawati",
    "Puspitasari", "Anggraini", "Safitri", "Permatasari", "Maharani", "Utami", "Wahyuni",
    "Novitasari", "Oktaviani", "Marlina", "Yuliana", "Hasanah", "Fitriani", "Setyaningsih",
    "Damayanti", "Kurniasih", "Pertiwi",
)  # fmt: skip

# Degrees by the OPD's discipline: (bachelor's, master's).
_DEGREES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "health": (("S.K.M.", "S.Kep., Ns.", "S.Farm., Apt.", "S.Gz."), ("M.Kes.", "M.K.M.")),
    "education": (("S.Pd.", "S.Pd.I.", "S.Si."), ("M.Pd.", "M.Si.")),
    "engineering": (("S.T.", "S.Si."), ("M.T.", "M.Eng.", "M.Si.")),
    "agriculture": (("S.P.", "S.Pt.", "S.Pi."), ("M.P.", "M.Si.")),
    "finance": (("S.E.", "S.Ak."), ("M.Ak.", "M.M.", "M.Si.")),
    "economics": (("S.E.", "S.Sos."), ("M.M.", "M.Si.")),
    "planning": (("S.E.", "S.T.", "S.Si."), ("M.Si.", "M.P.W.K.", "M.E.")),
    "audit": (("S.E.", "S.Ak.", "S.H."), ("M.Ak.", "M.Si.", "M.H.")),
    "it": (("S.Kom.", "S.T."), ("M.Kom.", "M.T.I.")),
    "social": (("S.Sos.", "S.I.P.", "S.Psi."), ("M.Si.", "M.A.P.")),
    "government": (("S.STP.", "S.H.", "S.Sos.", "S.I.P."), ("M.Si.", "M.A.P.", "M.H.")),
}

# Degrees that a jabatan fungsional requires, by a word of its title.
_PROFESSION_DEGREES: dict[str, tuple[str, ...]] = {
    "Perawat": ("S.Kep., Ns.",),
    "Nutrisionis": ("S.Gz.",),
    "Epidemiolog": ("S.K.M.",),
    "Auditor": ("S.E.", "S.Ak."),
    "Pranata Komputer": ("S.Kom.", "S.T."),
    "Statistisi": ("S.Si.", "S.Stat."),
    "Pustakawan": ("S.Hum.", "S.I.P."),
    "Arsiparis": ("S.I.P.", "S.Hum."),
    "Penyuluh Pertanian": ("S.P.", "S.ST."),
    "Pengawas Sekolah": ("S.Pd.",),
    "Penilik": ("S.Pd.",),
    "Pekerja Sosial": ("S.Sos.", "S.Tr.Sos."),
    "Teknik Jalan": ("S.T.",),
    "Mediator": ("S.H.", "S.E."),
    "Polisi Pamong Praja": ("S.H.", "S.Sos."),
    "Pengendali Dampak": ("S.T.", "S.Si."),
    "Sumber Daya Manusia": ("S.Psi.", "S.Sos.", "S.H."),
    "Perencana": ("S.E.", "S.T.", "S.Si."),
    "Peneliti": ("S.Si.", "S.E."),
}

# (lowest, highest) birth year per level; fungsional are refined by their grade.
_BIRTH_YEARS: dict[str, tuple[int, int]] = {
    PositionLevel.JPT: (1967, 1976),
    PositionLevel.ADMINISTRATOR: (1969, 1982),
    PositionLevel.PENGAWAS: (1974, 1990),
    PositionLevel.PELAKSANA: (1982, 1999),
    "Ahli Madya": (1967, 1978),
    "Ahli Muda": (1976, 1988),
    "Ahli Pertama": (1990, 1998),
    PositionLevel.FUNGSIONAL: (1978, 1990),
}
# Pangkat/golongan that fit each level (PP 11/2017 and the rules on jabatan fungsional grades).
_PANGKAT: dict[str, tuple[str, ...]] = {
    PositionLevel.JPT: ("IV/c", "IV/c", "IV/d"),
    PositionLevel.ADMINISTRATOR: ("IV/a", "IV/b", "IV/b"),
    PositionLevel.PENGAWAS: ("III/c", "III/d", "III/d", "IV/a"),
    PositionLevel.PELAKSANA: ("II/c", "II/d", "III/a", "III/b"),
    "Ahli Madya": ("IV/a", "IV/b", "IV/c"),
    "Ahli Muda": ("III/c", "III/d"),
    "Ahli Pertama": ("III/a", "III/b"),
    PositionLevel.FUNGSIONAL: ("III/b", "III/c", "III/d"),
}


def grade_key(title: str, level: str) -> str:
    if level == PositionLevel.FUNGSIONAL:
        for grade in ("Ahli Madya", "Ahli Muda", "Ahli Pertama"):
            if grade in title:
                return grade
    return level


@dataclass
class PeopleFactory:
    """Invents people deterministically from one seeded random generator."""

    rng: random.Random
    nips: set[str] = field(default_factory=set)

    def name(
        self, *, female: bool, level: str, discipline: str, title: str = ""
    ) -> tuple[str, str, str]:
        """(full name with academic titles, first name, last name)."""
        rng = self.rng
        first = rng.choice(_FEMALE_FIRST if female else _MALE_FIRST)
        last = rng.choice(_FEMALE_LAST if female else _MALE_LAST)
        if rng.random() < 0.3:
            middle = rng.choice(_FEMALE_FIRST if female else _MALE_FIRST)
            if middle != first:
                first = f"{first} {middle}"
        plain = f"{first} {last}"
        bachelors, masters = _DEGREES[discipline]
        for keyword, degrees in _PROFESSION_DEGREES.items():
            if keyword in title:
                bachelors = degrees
                break
        suffixes: list[str] = []
        prefixes: list[str] = []
        senior = level in {PositionLevel.JPT, PositionLevel.ADMINISTRATOR}
        if level == PositionLevel.PELAKSANA:
            roll = rng.random()
            if roll < 0.3:
                suffixes.append("A.Md.")
            elif roll < 0.6:
                suffixes.append(rng.choice(bachelors))
        elif "Dokter" in title or (discipline == "health" and senior and rng.random() < 0.6):
            # A physician is "dr." (the professional degree replaces the bachelor's).
            prefixes.append("dr.")
            if senior or rng.random() < 0.3:
                suffixes.append(rng.choice(masters))
        else:
            suffixes.append(rng.choice(bachelors))
            if (senior and rng.random() < 0.85) or rng.random() < 0.25:
                suffixes.append(rng.choice(masters))
        if level == PositionLevel.JPT and rng.random() < 0.3:
            prefixes.append("Hj." if female else "H.")
        has_master = any(s.startswith("M.") for s in suffixes)
        if level == PositionLevel.JPT and has_master and rng.random() < 0.12:
            prefixes.insert(0, "Dr.")
        text = " ".join([*prefixes, plain])
        if suffixes:
            text = f"{text}, {', '.join(suffixes)}"
        return text, first, last

    def nip(self, *, female: bool, grade: str) -> str:
        """An 18-digit NIP: birth date (YYYYMMDD), TMT CPNS (YYYYMM), sex (1/2), sequence."""
        rng = self.rng
        low, high = _BIRTH_YEARS[grade]
        while True:
            born = dt.date(rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28))
            appointed = min(born.year + rng.randint(23, 29), 2024)
            month = rng.choice((1, 1, 3, 4, 12))
            value = (
                f"{born:%Y%m%d}{appointed:04d}{month:02d}{2 if female else 1}"
                f"{rng.randint(1, 999):03d}"
            )
            if value not in self.nips:
                self.nips.add(value)
                return value

    def pangkat(self, grade: str) -> str:
        return self.rng.choice(_PANGKAT[grade])
