import importlib.util
import os

from setuptools import Extension, find_packages, setup
from setuptools.command.build_py import build_py


def _glue_source_digest():
    """eqsim/runtime/glue_source.py's digest of the glue's source (loaded by path: eqsim's
    dependencies are not there while it is built), compiled into the glue, which eqsim
    uses only while the source beside it is the same (an editable install's checkout moves
    on)."""
    path = os.path.join("eqsim", "runtime", "glue_source.py")
    spec = importlib.util.spec_from_file_location("eqsim_glue_source", path)
    glue_source = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(glue_source)
    return glue_source.source_digest(os.path.join("eqsim", "runtime"))


try:  # the glue module is compiled at install time; without Cython eqsim builds it on first use
    from Cython.Build import cythonize
    EXTENSIONS = cythonize(
        [Extension("eqsim.runtime.network_glue", ["eqsim/runtime/network_glue.pyx"],
                   include_dirs=["eqsim/runtime"], libraries=["dl"],
                   define_macros=[("EQSIM_GLUE_SOURCE_DIGEST", f'"{_glue_source_digest()}"')])],
        compiler_directives={"language_level": 3}, quiet=True)
except ImportError:
    EXTENSIONS = []


class BuildPyWithTemplateCode(build_py):
    """Also compile the Jinja2 templates into the package, so that a user's first network
    does not wait for it (eqsim/codegen/template_code.py, loaded by path: eqsim's own
    dependencies are not there while it is built)."""

    def run(self):
        super().run()
        path = os.path.join("eqsim", "codegen", "template_code.py")
        try:
            spec = importlib.util.spec_from_file_location("eqsim_template_code", path)
            template_code = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(template_code)
        except ImportError:  # no Jinja2 here: the templates are compiled on first use
            return
        root = os.path.join(self.build_lib, "eqsim", "templates")
        template_code.compile_all(root, os.path.join(root, template_code.INSTALLED_FOLDER))


setup(
    name="eqsim",
    cmdclass={"build_py": BuildPyWithTemplateCode},
    version="0.1.0",
    description="Spiking neural networks from Brian2-style equation strings, compiled to C via Cython",
    long_description=open("README.md").read(),
    long_description_content_type="text/markdown",
    python_requires=">=3.10",
    packages=find_packages(include=["eqsim", "eqsim.*"]) + ["eqsim.templates"],
    package_dir={"eqsim.templates": "templates"},
    package_data={
        "eqsim.templates": ["cython/*.j2", "numpy/*.j2"],
        "eqsim.runtime": ["*.h", "*.pyx"],
    },
    ext_modules=EXTENSIONS,
    install_requires=["numpy", "sympy", "cython>=3", "jinja2", "matplotlib"],
    extras_require={
        "test": ["pytest", "pytest-xdist", "hypothesis", "nbclient", "nbformat", "ipykernel", "tqdm", "neo"],
        "io": ["neo"],
        "progress": ["tqdm"],
        # binary wheels (mpi4py >= 4.1 loads the mpich wheel's libmpi): no MPI compiler needed
        "mpi": ["mpi4py>=4.1", "mpich"],
        "bench": ["brian2==2.9.0", "numpy<2.4"],
        # the documentation site (python -m sphinx -W -b html docs docs/_build/html)
        # elephant: the docs notebook that analyses an eqsim run with it (pulls SciPy)
        "docs": ["sphinx>=7", "myst-nb>=1", "elephant"],
    },
)
