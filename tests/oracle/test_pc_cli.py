"""`orbwatch pc` end to end on CDMs of ../shared/data (expected values from
the pc README): the real ITRF CSpOC CDM (Orekit Laas2015/Patera2005
0.0034965176443841, radii 5 m + 5 m from the exclusion-radius comments;
converted ITRF -> GCRF without EOP, so RelTol 1e-6), a CARA CDM against
Pc2D_NoAdj with --miss norm, and Chan's refusal (exit 3) on Alfano case 5.
"""
import os
import subprocess
import sys

exe = os.environ.get("ORBWATCH")
data = os.environ.get("OW_SHARED_DATA")
if not exe or not data:
    sys.exit(77)


def run(*args):
    p = subprocess.run([exe, "pc", *args], capture_output=True, text=True)
    rows = p.stdout.strip().split("\n")
    return p.returncode, (dict(zip(rows[0].split(","), rows[1].split(",")))
                          if len(rows) == 2 else None)


fails = 0
rc, r = run(os.path.join(data, "cdm/real/ION_SCV8_vs_STARLINK_1233.txt"),
            "--lenient")
want = 0.0034965176443841
rel = abs(float(r["pc"]) - want) / want if r else 1
print("ION/Starlink ITRF CDM: pc %s, rel err %.2e vs Orekit" %
      (r and r["pc"], rel))
fails += rc != 0 or rel > 1e-6 or r["hbr_source"] != "cdm-exclusion-radii"

rc, r = run(os.path.join(
    data, "pc/cara/PcTestCaseCDMs/"
    "000025994_conj_026132_20220224_100307_20220221_225515.cdm"
    .replace("conj_026132", "conj_000026132")), "--lenient", "--miss", "norm")
want = 0.001212549143
rel = abs(float(r["pc"]) - want) / want if r else 1
print("CARA TERRA/CZ-4 DEB, --miss norm: rel err %.2e vs Pc2D_NoAdj" % rel)
fails += rc != 0 or rel > 1e-6

rc, r = run(os.path.join(data, "pc/cara/SampleCDMs/AlfanoTestCase05.cdm"),
            "--lenient", "--method", "chan")
print("chan on Alfano case 5: exit %d" % rc)
fails += rc != 3 or r is not None

rc, _ = run("--method", "bogus", "x")
fails += rc != 2
sys.exit(1 if fails else 0)
