"""Every form of ``Synapses.connect`` in Brian2's documentation ("Synapses - Creating
synapses") and in its tests (``brian2/tests/test_synapses.py``), as data, run unchanged
by Brian2 (``make_brian2_connect_reference.py``) and by eqsim (``test_brian2_connect_forms.py``).

Each form is ``(name, n_pre, n_post, arguments)``: ``arguments`` are the keyword
arguments of ``connect`` (a positional condition is given as ``condition``), with
``i``/``j`` index arrays as lists. Both groups have ``x = i`` and ``v = 2*i`` (floats), so
conditions on ``x_pre``/``v_post`` have something to test. Where a row says "docs" the
form is quoted from the documentation, "tests" from Brian2's tests (often with their
sizes), "step" adds a range step Brian2 accepts but neither uses with these numbers.

* ``EXACT``: deterministic forms; the synapses (i, j, in creation order) must be Brian2's.
* ``RANDOM``: random forms, compared by statistics over ``SEEDS`` seeds: the mean number
  of synapses per presynaptic and per postsynaptic neuron. Forms whose number per row
  is fixed (``sample(..., size=...)``) must match it exactly for every seed.
* ``ERRORS``: forms Brian2 refuses; eqsim must refuse them too (with an EqsimError).
"""

EXACT = [
    # docs
    ("docs_single_pair", 12, 12, dict(i=5, j=10)),
    ("docs_all_to_all", 4, 5, dict()),
    ("docs_index_arrays", 5, 5, dict(i=[1, 2], j=[3, 4])),
    ("docs_array_and_scalar", 10, 3, dict(i=list(range(10)), j=1)),
    ("docs_condition", 10, 12, dict(condition="abs(i-j)<=5")),
    ("docs_condition_on_variables", 10, 12, dict(condition="sqrt((x_pre-x_post)**2) < 2.5")),
    ("docs_one_to_one", 6, 8, dict(j="i")),
    ("docs_conditional_expression", 8, 4, dict(j="int(i/2) if i % 2 == 0")),
    ("docs_one_to_one_from_target", 8, 6, dict(i="j")),
    ("docs_expression_from_target", 8, 4, dict(i="j*2")),
    ("docs_generator_range_to_i", 6, 6, dict(j="k for k in range(0, i+1)")),
    ("docs_neighbours_skip", 6, 6, dict(j="i+(-1)**k for k in range(2)", skip_if_invalid=True)),
    ("docs_multiple_synapses", 10, 3, dict(i=list(range(10)), j=1, n=3)),
    ("docs_neighbours_with_condition", 6, 6,
     dict(j="i+(-1)**k for k in range(2) if i>0 and i<N_pre-1")),
    ("docs_n_per_pair", 4, 4, dict(j="i", n=2)),
    # tests: conditions and n
    ("tests_true", 3, 4, dict(condition=True)),
    ("tests_true_string", 3, 4, dict(condition="True")),
    ("tests_not_equal", 5, 5, dict(condition="i != j")),
    ("tests_equal", 5, 5, dict(condition="i == j")),
    ("tests_variables_not_equal", 5, 5, dict(condition="v_pre != v_post")),
    ("tests_reversed", 10, 10, dict(condition="i==(10-1-j)")),
    ("tests_or_condition", 6, 6, dict(condition="(i >= 3) or (j >= 3)")),
    ("tests_n_zero", 3, 4, dict(condition=True, n=0)),
    ("tests_n_two", 3, 4, dict(condition=True, n=2)),
    ("tests_n_from_j", 3, 4, dict(condition=True, n="j")),
    ("tests_n_from_i", 3, 4, dict(condition=True, n="i")),
    ("tests_condition_and_n", 4, 4, dict(condition="i==j", n=2)),
    ("tests_p_zero", 5, 5, dict(condition=True, p=0.0)),
    ("tests_p_one", 5, 5, dict(condition=True, p=1.0)),
    ("tests_condition_p_zero", 5, 5, dict(condition="i!=j", p=0.0)),
    ("tests_condition_p_one", 5, 5, dict(condition="i!=j", p=1.0)),
    ("tests_p_expression_0_or_1", 5, 5, dict(condition=True, p="int(x_pre==2)*1.0")),
    ("tests_arrays_p_one", 4, 4, dict(i=[0, 1], j=[0, 2], p=1.0)),
    ("tests_arrays_p_zero", 4, 4, dict(i=0, j=0, p=0.0)),
    ("tests_repeated_pair", 5, 5, dict(i=[3, 3], j=[3, 3])),
    # tests: generators over the targets
    ("tests_range_all", 5, 6, dict(j="k for k in range(N_post)")),
    ("tests_range_not_self_k", 5, 5, dict(j="k for k in range(N_post) if k != i")),
    ("tests_range_not_self_j", 5, 5, dict(j="k for k in range(N_post) if j != i")),
    ("tests_range_offset", 10, 10, dict(j="i+k for k in range(0, 5) if i <= N_post-5")),
    ("tests_range_offset_and_sure_rand", 10, 10,
     dict(j="i+k for k in range(0, 5) if i <= N_post-5 and rand() <= 1")),
    ("tests_ring", 10, 10, dict(j="(i + (-1)**k) % N_post for k in range(2)")),
    ("tests_fan_out", 5, 20, dict(j="i*4 + k for k in range(4)")),
    ("tests_neighbourhood_skip", 10, 10,
     dict(j="k for k in range(i-3, i+4) if i!=k", skip_if_invalid=True)),
    ("tests_fan_in", 20, 5, dict(j="int(i/4)")),
    ("tests_conditional_fan_in", 20, 5, dict(j="int(i/4) if i % 2 == 0")),
    ("tests_upper_triangle", 10, 10, dict(j="i + k for k in range(0, N_post-i)")),
    ("tests_upper_triangle_skip", 10, 10,
     dict(j="i + k for k in range(0, N_post)", skip_if_invalid=True)),
    ("tests_upper_triangle_if_j", 10, 10, dict(j="i + k for k in range(0, N_post) if j < N_post")),
    ("tests_upper_triangle_if_k", 10, 10,
     dict(j="i + k for k in range(0, N_post) if i + k < N_post")),
    # tests: generators over the sources
    ("tests_sources_all", 5, 6, dict(i="k for k in range(N_pre)")),
    ("tests_sources_not_self_k", 5, 5, dict(i="k for k in range(N_pre) if k != j")),
    ("tests_sources_not_self_i", 5, 5, dict(i="k for k in range(N_pre) if i != j")),
    # range with a step
    ("step_every_third", 4, 10, dict(j="k for k in range(0, N_post, 3)")),
    ("step_backwards", 4, 10, dict(j="k for k in range(N_post-1, 0, -2)")),
    ("step_from_i", 6, 10, dict(j="k for k in range(i, N_post, 2)")),
    ("step_sources", 10, 4, dict(i="k for k in range(1, N_pre, 3)")),
    # tests: sample with p=0 / p=1 and size=0 / size=N (deterministic)
    ("tests_sample_p0", 5, 5, dict(j="k for k in sample(N_post, p=0)")),
    ("tests_sample_p1", 5, 5, dict(j="k for k in sample(N_post, p=1)")),
    ("tests_sample_step_p0", 5, 8, dict(j="k for k in sample(2, N_post, 2, p=0)")),
    ("tests_sample_step_p1", 5, 8, dict(j="k for k in sample(2, N_post, 2, p=1)")),
    ("tests_sample_backwards_p1", 5, 8, dict(j="k for k in sample(N_post-1, 0, -2, p=1)")),
    ("tests_sample_p0_if", 5, 5, dict(j="k for k in sample(N_post, p=0) if i != k")),
    ("tests_sample_p1_if", 5, 5, dict(j="k for k in sample(N_post, p=1) if i != k")),
    ("tests_sample_sources_p0", 5, 5, dict(i="k for k in sample(N_pre, p=0)")),
    ("tests_sample_sources_p1", 5, 5, dict(i="k for k in sample(N_pre, p=1)")),
    ("tests_sample_size0", 5, 5, dict(j="k for k in sample(N_post, size=0)")),
    ("tests_sample_step_size0", 5, 8, dict(j="k for k in sample(2, N_post, 2, size=0)")),
    ("tests_sample_sources_size0", 5, 5, dict(i="k for k in sample(N_pre, size=0)")),
]

# The pairs of sample(..., size=N) are every candidate, in an order of the sampler's
# choosing: these are compared as sets (Brian2's own tests do so as well).
EXACT_AS_SET = [
    ("tests_sample_size_all", 5, 5, dict(j="k for k in sample(N_post, size=N_post)")),
    ("tests_sample_sources_size_all", 5, 5, dict(i="k for k in sample(N_pre, size=N_pre)")),
]

SEEDS = 25

RANDOM = [
    ("docs_p", 10, 12, dict(p=0.1)),
    ("docs_condition_and_p", 10, 12, dict(condition="i != j", p=0.3)),
    ("tests_rows_condition_p", 10, 12, dict(condition="i>=2", p=0.3)),
    ("tests_columns_condition_p", 10, 12, dict(condition="j>=2", p=0.3)),
    ("tests_p_from_i", 10, 10, dict(condition="i!=j", p="i*0.1")),
    ("tests_p_from_j", 10, 10, dict(condition="i!=j", p="j*0.1")),
    ("tests_p_array_indices", 6, 6, dict(i=[0, 1, 2, 3, 4, 5], j=[5, 4, 3, 2, 1, 0], p=0.5)),
    ("tests_condition_rand", 8, 8, dict(condition="rand() < 0.3")),
    ("tests_sample_p", 10, 12, dict(j="k for k in sample(N_post, p=0.3)")),
    ("tests_sample_step_p", 10, 12, dict(j="k for k in sample(2, N_post, 2, p=0.3)")),
    ("tests_sample_backwards_p", 10, 12, dict(j="k for k in sample(N_post-1, 0, -2, p=0.3)")),
    ("tests_sample_p_not_self", 10, 10, dict(j="k for k in sample(N_post, p=0.3) if i != k")),
    ("tests_sample_p_rows", 10, 10, dict(j="k for k in sample(N_post, p=0.9) if i >= 2")),
    ("tests_sample_p_columns", 10, 10, dict(j="k for k in sample(N_post, p=0.9) if j < 2")),
    ("tests_sample_small_range", 10, 10, dict(j="k for k in sample(2, p=0.5)")),
    ("tests_sample_one_element", 10, 10, dict(j="i+1 for _ in sample(1, p=0.5) if i < N_post-1")),
    ("tests_sample_shifted", 10, 10, dict(j="i+k for k in sample(N_post-i, p=0.5)")),
    ("docs_sample_p_from_i", 10, 10, dict(j="k for k in sample(N_post, p=i*1.0/(N_pre-1))")),
    ("tests_sample_sources_p", 10, 12, dict(i="k for k in sample(N_pre, p=0.3)")),
    ("tests_sample_size", 10, 12, dict(j="k for k in sample(N_post, size=3)")),
    ("tests_sample_step_size", 10, 12, dict(j="k for k in sample(2, N_post, 2, size=3)")),
    ("tests_sample_backwards_size", 10, 12,
     dict(j="k for k in sample(N_post-1, 0, -2, size=2)")),
    ("docs_sample_size_from_i", 10, 10, dict(j="k for k in sample(N_post, size=i//2)")),
    ("tests_sample_size_skip_large", 5, 7,
     dict(j="k for k in sample(N_post, size=i+4)", skip_if_invalid=True)),
    ("tests_sample_size_skip_negative", 5, 7,
     dict(j="k for k in sample(N_post, size=3-i)", skip_if_invalid=True)),
    ("tests_sample_sources_size", 10, 12, dict(i="k for k in sample(N_pre, size=3)")),
    ("tests_condition_p_n", 6, 6, dict(condition="i != j", p=0.5, n=2)),
]

ERRORS = [
    # Brian2 checks the bounds before a condition that refers to postsynaptic variables
    ("tests_range_offset_and_variable", 10, 10,
     dict(j="i+k for k in range(0, 5) if i <= N_post-5 and v_post >= 0")),
    ("docs_neighbours_out_of_range", 6, 6, dict(j="i+(-1)**k for k in range(2)")),
    ("tests_target_out_of_range", 10, 10, dict(j="20")),
    ("tests_from_target_too_large", 6, 8, dict(i="j")),
    ("tests_generator_as_condition", 10, 10, dict(condition="k for k in range(1)")),
    ("tests_sample_size_too_large", 5, 7, dict(j="k for k in sample(N_post, size=i+4)")),
    ("tests_sample_size_negative", 5, 7, dict(j="k for k in sample(N_post, size=3-i)")),
    ("tests_range_float_stop", 10, 10, dict(j="k for k in range(10.0)")),
    ("tests_range_float_start", 10, 10, dict(j="k for k in range(0.0, 10)")),
    ("tests_range_float_step", 10, 10, dict(j="k for k in range(0, 10, 1.0)")),
    ("tests_range_bool_start", 10, 10, dict(j="k for k in range(True, 10)")),
    ("tests_range_bool_stop", 10, 10, dict(j="k for k in range(0, True)")),
    ("tests_range_true_division", 10, 10, dict(j="k for k in range(i/2)")),
    ("tests_condition_N_incoming", 5, 3, dict(condition="N_incoming < 5")),
    ("tests_condition_N_outgoing", 5, 3, dict(condition="N_outgoing < 5")),
    ("tests_index_and_condition", 10, 10, dict(condition="i==j", j=list(range(10)))),
    ("tests_float_indices", 5, 5, dict(i=[1.1, 2.2], j=[1.1, 2.2])),
    ("tests_index_lengths", 5, 5, dict(i=[1, 2, 3], j=[1, 2])),
    ("tests_negative_index", 5, 5, dict(i=[0, -1], j=[0, 1])),
    ("tests_condition_with_unit", 5, 5, dict(condition="i > 3*mV")),
    ("tests_condition_not_boolean", 5, 5, dict(condition="1*mV")),
]


def make_synapses(sim, n_pre, n_post):
    """Source and target groups with ``x = i`` and ``v = 2*i``, and a Synapses between them."""
    source = sim.NeuronGroup(n_pre, "x : 1\nv : 1")
    target = sim.NeuronGroup(n_post, "x : 1\nv : 1")
    for group in (source, target):
        group.x = [1.0 * k for k in range(len(group))]
        group.v = [2.0 * k for k in range(len(group))]
    return sim.Synapses(source, target)


def connect(sim, form, namespace=None):
    """Run one form; the synapses' (i, j) as int lists."""
    _, n_pre, n_post, arguments = form
    synapses = make_synapses(sim, n_pre, n_post)
    synapses.connect(namespace=dict(namespace or {}), **arguments)
    return [int(x) for x in synapses.i[:]], [int(x) for x in synapses.j[:]]
