from setuptools import Extension, find_packages, setup

try:  # the glue module is compiled at install time; without Cython eqsim builds it on first use
    from Cython.Build import cythonize
    EXTENSIONS = cythonize(
        [Extension("eqsim.runtime.network_glue", ["eqsim/runtime/network_glue.pyx"],
                   include_dirs=["eqsim/runtime"], libraries=["dl"])],
        compiler_directives={"language_level": 3}, quiet=True)
except ImportError:
    EXTENSIONS = []

setup(
    name="eqsim",
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
