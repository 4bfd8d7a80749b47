"""Installs the kefu package; its kefu.v1 message classes are generated from ../../proto with
protoc (Debian: protobuf-compiler) while building. Install offline with Debian's tools:

    /usr/bin/python3 -m pip install --no-build-isolation ./bindings/python

The package loads libkefu.so.1 from KEFU_LIBRARY, the installed prefix, or the system's paths.
"""
import pathlib
import subprocess

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = pathlib.Path(__file__).resolve().parent
PROTO = HERE.parent.parent / "proto"


class BuildWithProtos(build_py):
    def run(self):
        super().run()
        target = pathlib.Path(self.build_lib)
        (target / "kefu" / "v1").mkdir(parents=True, exist_ok=True)
        (target / "kefu" / "v1" / "__init__.py").touch()
        protos = sorted(str(p) for p in (PROTO / "kefu" / "v1").glob("*.proto"))
        subprocess.run(["protoc", f"--python_out={target}", f"-I{PROTO}", *protos], check=True)


setup(
    name="kefu",
    version="0.6.0",
    description="Hospital customer-service and follow-up engine (bindings to libkefu's C ABI)",
    packages=["kefu"],
    python_requires=">=3.9",
    install_requires=["protobuf>=3.20"],
    cmdclass={"build_py": BuildWithProtos},
)
