#!/usr/bin/env python3
"""Writes generated.tsv: systematic time cases whose expected values are computed here with
Python's datetime (independently of warta). Run once: python3 gen.py > generated.tsv"""
import datetime as dt
import random

random.seed(7)
D = dt.date
WD = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = [("Januari", 1), ("Djanuari", 1), ("Jan", 1), ("Februari", 2), ("Pebruari", 2), ("Feb", 2),
          ("Maret", 3), ("Mar", 3), ("April", 4), ("Apr", 4), ("Mei", 5), ("Juni", 6), ("Jun", 6),
          ("Juli", 7), ("Jul", 7), ("Agustus", 8), ("Agu", 8), ("Agt", 8), ("September", 9), ("Sept", 9),
          ("Sep", 9), ("Oktober", 10), ("Okt", 10), ("November", 11), ("Nopember", 11), ("Nov", 11),
          ("Desember", 12), ("Des", 12)]
NUM = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
       "sebelas", "dua belas"]
UNITS = [("detik", "PT{}S"), ("menit", "PT{}M"), ("jam", "PT{}H"), ("hari", "P{}D"), ("pekan", "P{}W"),
         ("minggu", "P{}W"), ("bulan", "P{}M"), ("tahun", "P{}Y")]
REFS = [D(2024, 6, 12), D(2023, 9, 13), D(2014, 12, 29), D(2025, 3, 2)]
out = []

def row(s, r, exp):
    out.append(f"{s}\t{r.isoformat() if r else '-'}\t{exp}")

# written dates with every month spelling
for name, m in MONTHS:
    d = random.randint(1, 28)
    y = random.randint(1950, 2030)
    row(f"Acara itu berlangsung pada {d} {name} {y} di gedung DPR.", REFS[0],
        f"{d} {name} {y} | DATE | {D(y, m, d).isoformat()}")
# full month names with a year only
for name, m in MONTHS:
    if len(name) > 3 and name not in ("Sept",):
        y = random.randint(1990, 2030)
        row(f"Pabrik itu dibuka {name} {y} oleh gubernur.", REFS[0], f"{name} {y} | DATE | {y:04d}-{m:02d}")
# bare weekdays: nearest past (same day counts), "lalu" strictly past, "depan" strictly future
for r in REFS[:3]:
    for i, w in enumerate(WD):
        back = (r.weekday() - i) % 7
        row(f"Ia datang pada {w} ke kantor itu.", r, f"{w} | DATE | {(r - dt.timedelta(days=back)).isoformat()}")
        b2 = back or 7
        row(f"Ia datang {w} lalu ke kantor itu.", r, f"{w} lalu | DATE | {(r - dt.timedelta(days=b2)).isoformat()}")
        if w != "Minggu":
            f = (i - r.weekday()) % 7 or 7
            row(f"Ia datang {w} depan ke kantor itu.", r, f"{w} depan | DATE | {(r + dt.timedelta(days=f)).isoformat()}")
# weekday with a parenthesised year-less date near the reference
for r in REFS:
    for off in (-3, -1, 0, 2):
        x = r + dt.timedelta(days=off)
        row(f"Rapat digelar {WD[x.weekday()]} ({x.day}/{x.month}) di Jakarta.", r,
            f"{WD[x.weekday()]} ({x.day}/{x.month}) | DATE | {x.isoformat()}")
# numeric dates
for k in range(24):
    x = D(2000, 1, 1) + dt.timedelta(days=random.randint(0, 9000))
    fmt = k % 3
    s = [f"{x.day}/{x.month}/{x.year}", f"{x.day:02d}-{x.month:02d}-{x.year}", f"{x.day:02d}.{x.month:02d}.{x.year}"][fmt]
    row(f"Surat itu dikirim {s} kepada direksi.", REFS[0], f"{s} | DATE | {x.isoformat()}")
# durations in words
for n in range(1, 13):
    u, v = UNITS[n % len(UNITS)]
    row(f"Mereka menunggu selama {NUM[n]} {u} di sana.", REFS[0], f"{NUM[n]} {u} | DURATION | {v.format(n)}")
    u2, v2 = UNITS[(n + 3) % len(UNITS)]
    row(f"Mereka menunggu selama {n} {u2} di sana.", REFS[0], f"{n} {u2} | DURATION | {v2.format(n)}")
# N days ago / later
for n in range(1, 11):
    r = REFS[n % 3]
    row(f"Kejadian itu berlangsung {NUM[n]} hari lalu di pelabuhan.", r,
        f"{NUM[n]} hari lalu | DATE | {(r - dt.timedelta(days=n)).isoformat()}")
    row(f"Hasilnya keluar {n} hari lagi menurut panitia.", r,
        f"{n} hari lagi | DATE | {(r + dt.timedelta(days=n)).isoformat()}")
# years ago, relative years and months
for n in range(1, 7):
    r = REFS[n % 4]
    row(f"Jembatan itu dibangun {NUM[n]} tahun lalu oleh warga.", r, f"{NUM[n]} tahun lalu | DATE | {r.year - n}")
for r in REFS:
    pm = (r.replace(day=1) - dt.timedelta(days=1))
    nm = (r.replace(day=28) + dt.timedelta(days=7))
    row(f"Penjualan naik bulan lalu menurut data resmi.", r, f"bulan lalu | DATE | {pm.year:04d}-{pm.month:02d}")
    row(f"Penjualan naik bulan depan menurut proyeksi.", r, f"bulan depan | DATE | {nm.year:04d}-{nm.month:02d}")
    y, w, _ = (r + dt.timedelta(days=7)).isocalendar()
    row(f"Laporan itu terbit pekan depan di situs resmi.", r, f"pekan depan | DATE | {y:04d}-W{w:02d}")
    y, w, _ = r.isocalendar()
    row(f"Harga cabai naik minggu ini di pasar.", r, f"minggu ini | DATE | {y:04d}-W{w:02d}")
    row(f"Banjir datang kemarin dan surut hari ini.", r,
        f"kemarin | DATE | {(r - dt.timedelta(days=1)).isoformat()} ;; hari ini | DATE | {r.isoformat()}")
# clock times with zones
for k, z in enumerate(["WIB", "WITA", "WIT"] * 3):
    h, m = random.randint(0, 23), random.choice([0, 15, 30, 45, 5])
    r = REFS[k % 4]
    row(f"Kapal itu bersandar pukul {h:02d}.{m:02d} {z} di dermaga.", r,
        f"pukul {h:02d}.{m:02d} {z} | TIME | {r.isoformat()}T{h:02d}:{m:02d}")
print("\n".join(out))
