# cython: language_level=3, boundscheck=False, wraparound=False
"""Hand-written glue between Python and a network's generated C library.

The library (kernels + step loop, plain C) is compiled per network by gcc alone;
this module is compiled once and drives any such library: it binds arrays by
address, sets scalars and clocks, runs the loop (calling Python back only for
network operations) and copies out monitor buffers and spike queues. It also lends
the NumPy random generator the C Philox (``philox_words``) and connect() the C Bernoulli
sampling of ``connect(p=...)`` (``bernoulli_rows``), to draw millions of synapses, and
dense pathways their rows as bit masks (``row_masks``); and each library it loads the thread
team's controller, its forks and joins and PoissonInput's binomial sampler, compiled here once.
"""
from libc.stdint cimport int16_t, int32_t, int64_t, uint64_t
from libc.stdlib cimport realloc
from libc.string cimport memcpy
import numpy as np

cdef extern from "dlfcn.h":
    void *dlopen(const char *filename, int flag)
    void *dlsym(void *handle, const char *symbol)
    int dlclose(void *handle)
    char *dlerror()
    int RTLD_NOW
    int RTLD_LOCAL

cdef extern from "eqsim_random.h":
    ctypedef struct eqsim_words:
        uint64_t word0
        uint64_t word1
    eqsim_words eqsim_philox(uint64_t key, uint64_t step, uint64_t index) nogil
    void eqsim_uniforms(uint64_t key, uint64_t step, uint64_t first, int64_t n, double *out) nogil

cdef extern from "eqsim_bernoulli.h":
    enum: EQSIM_WALK_BLOCK
    ctypedef struct eqsim_bernoulli:
        pass
    eqsim_bernoulli eqsim_bernoulli_prepare(double p, uint64_t seed, uint64_t stream) nogil
    int eqsim_bernoulli_block(const eqsim_bernoulli *sampler, uint64_t step, int64_t length,
                              int64_t block, int64_t lo, int64_t hi, int32_t *out) nogil

cdef extern from "eqsim_support.h":
    ctypedef struct eqsim_buffer:
        char *data
        int64_t size
        int64_t capacity
        int64_t itemsize

cdef extern from "eqsim_team_control.h":
    ctypedef struct eqsim_team_functions:
        pass
    const eqsim_team_functions eqsim_team_control

cdef extern from "eqsim_team_threads.h":
    ctypedef struct eqsim_team_thread_functions:
        pass
    const eqsim_team_thread_functions eqsim_team_threads_lent

cdef extern from "eqsim_binomial_lent.h":
    ctypedef struct eqsim_binomial_functions:
        pass
    const eqsim_binomial_functions eqsim_binomial_lent

cdef extern from *:
    """
    #ifndef EQSIM_GLUE_SOURCE_DIGEST  /* compiled by eqsim from a checkout, not by setup.py */
    #define EQSIM_GLUE_SOURCE_DIGEST ""
    #endif
    """
    const char *EQSIM_GLUE_SOURCE_DIGEST

#: the digest of the source this module was compiled from (glue_source.py; setup.py sets it)
SOURCE_DIGEST = (<bytes>EQSIM_GLUE_SOURCE_DIGEST).decode()

ctypedef int (*run_f)()
ctypedef void (*bind_f)(int, void *)
ctypedef void (*set_double_f)(int, double)
ctypedef void (*set_u64_f)(int, uint64_t)
ctypedef void (*seed_f)(uint64_t)
ctypedef void (*clock_f)(int, double, int64_t, int64_t)
ctypedef int64_t (*clock_step_f)(int)
ctypedef void (*stop_f)()
ctypedef void (*stop_agreed_f)(int)
ctypedef double (*profile_time_f)(int)
ctypedef eqsim_buffer *(*buffer_f)(int)
ctypedef void (*buffer_clear_f)(int)
ctypedef void (*queue_reset_f)(int, int64_t)
ctypedef void (*queue_push_f)(int, int64_t, int32_t)
ctypedef int32_t *(*queue_slot_f)(int, int64_t, int64_t *)
ctypedef int64_t (*queue_slots_f)(int)
ctypedef void (*set_exchange_f)(void *, void *, void *, void *, int64_t, int64_t, int32_t,
                                int32_t)
ctypedef void (*set_team_functions_f)(const eqsim_team_functions *,
                                      const eqsim_team_thread_functions *)
ctypedef void (*set_binomial_functions_f)(const eqsim_binomial_functions *)


def philox_words(const uint64_t[:] key, const uint64_t[:] step, const uint64_t[:] index):
    """Philox4x32-10 of each ``(key[m], step[m], index[m])`` (equal lengths; broadcast
    views welcome): the arrays ``(word0, word1)``, bit for bit those of
    ``eqsim.runtime.random``'s NumPy rounds."""
    cdef Py_ssize_t n = index.shape[0], m
    if key.shape[0] != n or step.shape[0] != n:
        raise ValueError("key, step and index must have the same length")
    word0 = np.empty(n, dtype=np.uint64)
    word1 = np.empty(n, dtype=np.uint64)
    cdef uint64_t[::1] out0 = word0
    cdef uint64_t[::1] out1 = word1
    cdef eqsim_words words
    with nogil:
        for m in range(n):
            words = eqsim_philox(key[m], step[m], index[m])
            out0[m] = words.word0
            out1[m] = words.word1
    return word0, word1


def uniforms(uint64_t key, uint64_t step, uint64_t first, int64_t n):
    """The uniforms of draws ``first .. first + n - 1`` (word 0 of each, as
    ``eqsim.runtime.random.uniform`` makes them) by ``eqsim_uniforms``, the
    eight-at-a-time Philox of PoissonInput kernels (tests)."""
    out = np.empty(max(n, 0), dtype=np.float64)
    cdef double[::1] view = out
    if n > 0:
        with nogil:
            eqsim_uniforms(key, step, first, n, &view[0])
    return out


ctypedef fused position_t:
    int32_t
    int64_t


def bernoulli_rows(const int64_t[::1] keys, const int64_t[::1] lengths, const int64_t[::1] lo,
                   const int64_t[::1] hi, const double[::1] p, uint64_t seed, uint64_t stream,
                   position_t[::1] out, int64_t start, int64_t[::1] counts):
    """``eqsim.runtime.sampling.bernoulli_counts`` in C, with the same draws
    (``eqsim_bernoulli.h``, also the procedural synapses' draws): the positions in
    ``lo[r]:hi[r]`` of ``range(lengths[r])`` that row ``r`` (step ``keys[r]``) keeps with
    probability ``p[r]``, written row after row to ``out[start:]`` in ascending order,
    ``counts[r]`` of them for row ``r``. Returns the end of what was written, or -1 when
    ``out`` is too small (then nothing written is meaningful)."""
    cdef Py_ssize_t n = keys.shape[0]
    cdef int64_t end
    if lengths.shape[0] != n or lo.shape[0] != n or hi.shape[0] != n or p.shape[0] != n \
            or counts.shape[0] != n or not 0 <= start <= out.shape[0]:
        raise ValueError("keys, lengths, lo, hi, p and counts must have the same length")
    with nogil:
        end = _bernoulli_rows(keys, lengths, lo, hi, p, seed, stream, out, start, counts)
    return end


cdef int64_t _bernoulli_rows(const int64_t[::1] keys, const int64_t[::1] lengths,
                             const int64_t[::1] lo, const int64_t[::1] hi, const double[::1] p,
                             uint64_t seed, uint64_t stream, position_t[::1] out, int64_t start,
                             int64_t[::1] counts) noexcept nogil:
    cdef Py_ssize_t r
    cdef int64_t end = start, capacity = out.shape[0], first, stop, block, block_first
    cdef int n, k
    cdef int32_t kept[EQSIM_WALK_BLOCK]
    cdef eqsim_bernoulli sampler
    for r in range(keys.shape[0]):
        counts[r] = 0
        first, stop = max(lo[r], 0), min(hi[r], lengths[r])
        if stop <= first:
            continue
        sampler = eqsim_bernoulli_prepare(p[r], seed, stream)
        for block in range(first // EQSIM_WALK_BLOCK, (stop - 1) // EQSIM_WALK_BLOCK + 1):
            n = eqsim_bernoulli_block(&sampler, <uint64_t>keys[r], lengths[r], block, first,
                                      stop, kept)
            if end + n > capacity:
                return -1
            block_first = block * EQSIM_WALK_BLOCK
            for k in range(n):
                out[end + k] = <position_t>(block_first + kept[k])
            end += n
            counts[r] += n
    return end


def row_masks(const int32_t[::1] post, const int64_t[::1] ptr, uint64_t[:, ::1] masks):
    """The rows ``ptr[s]:ptr[s+1]`` of target indices ``post`` ORed into ``masks`` (zeros,
    one row of words per source): bit b of ``masks[s, w]`` is target 64 w + b
    (eqsim/codegen/dense_rows.py; every target below ``64 * masks.shape[1]``). Returns
    False at the first row that holds a target twice (``masks`` is then incomplete)."""
    if masks.shape[0] != ptr.shape[0] - 1 or (ptr.shape[0] > 1 and ptr[ptr.shape[0] - 1] > post.shape[0]):
        raise ValueError("masks needs one row per source and ptr must index post")
    cdef bint unique
    with nogil:
        unique = _row_masks(post, ptr, masks)
    return unique


cdef bint _row_masks(const int32_t[::1] post, const int64_t[::1] ptr,
                     uint64_t[:, ::1] masks) noexcept nogil:
    cdef Py_ssize_t s, k
    cdef int32_t target
    cdef uint64_t bit
    for s in range(masks.shape[0]):
        for k in range(ptr[s], ptr[s + 1]):
            target = post[k]
            bit = (<uint64_t>1) << (target & 63)
            if masks[s, target >> 6] & bit:
                return False
            masks[s, target >> 6] |= bit
    return True


def part_splits(const int32_t[::1] post, const int64_t[::1] ptr, const int16_t[::1] part_of_block,
                int block_bits, int64_t parts, int64_t[::1] out):
    """Where each of ``parts`` target parts starts in each row ``ptr[s]:ptr[s+1]`` of
    ``post``, and the row's end: ``out[s*(parts+1) + k]`` (eqsim/codegen/kinds.py
    ``thread_partition``; ``part_of_block``: the part of each element block of
    ``2**block_bits`` targets, one entry for every target in ``post``). Returns False at
    the first row whose targets go back to an earlier part (its parts are then not ranges
    of storage)."""
    cdef Py_ssize_t n_rows = ptr.shape[0] - 1
    if parts < 1 or out.shape[0] != n_rows * (parts + 1) or (
            n_rows > 0 and ptr[n_rows] > post.shape[0]):
        raise ValueError("out needs parts + 1 entries per row and ptr must index post")
    cdef bint in_order
    with nogil:
        in_order = _part_splits(post, ptr, part_of_block, block_bits, parts, out)
    return in_order


cdef bint _part_splits(const int32_t[::1] post, const int64_t[::1] ptr,
                       const int16_t[::1] part_of_block, int block_bits, int64_t parts,
                       int64_t[::1] out) noexcept nogil:
    cdef Py_ssize_t s, k
    cdef int64_t part, now, base
    for s in range(ptr.shape[0] - 1):
        base = s * (parts + 1)
        out[base] = ptr[s]
        now = 0
        for k in range(ptr[s], ptr[s + 1]):
            part = part_of_block[post[k] >> block_bits]
            if part < now:
                return False
            while now < part:
                now += 1
                out[base + now] = k
        while now < parts:
            now += 1
            out[base + now] = ptr[s + 1]
    return True


cdef void *_symbol(void *handle, name, path) except NULL:
    cdef bytes encoded = name.encode()
    cdef void *found = dlsym(handle, encoded)
    if found == NULL:
        # closed so that a rebuilt library under the same path is really loaded anew
        dlclose(handle)
        raise OSError(f"generated library {path} lacks {name}")
    return found


cdef class NetworkLibrary:
    """One loaded network library, with the names its arrays, scalars, buffers and
    queues have (in the order the C switch statements number them)."""
    cdef run_f _run
    cdef bind_f _bind
    cdef set_double_f _set_constant
    cdef set_u64_f _set_constant_u64
    cdef seed_f _set_seed
    cdef clock_f _set_clock
    cdef clock_step_f _clock_step
    cdef stop_agreed_f _stop
    cdef profile_time_f _profile_time
    cdef stop_f _profile_reset
    cdef buffer_f _buffer
    cdef buffer_clear_f _buffer_clear
    cdef queue_reset_f _queue_reset
    cdef queue_push_f _queue_push
    cdef queue_slot_f _queue_slot
    cdef queue_slots_f _queue_slots
    cdef set_exchange_f _set_exchange
    cdef public list ARRAYS, CONSTANTS, CONSTANT_IS_U64, BUFFERS, BUFFER_DTYPES, QUEUES
    cdef public int N_CLOCKS
    cdef list _bound  # keeps bound arrays alive while C holds their addresses

    def __init__(self, path, arrays, constants, constant_is_u64, buffers, buffer_dtypes,
                 queues, int n_clocks):
        cdef bytes encoded = path.encode()
        cdef void *handle = dlopen(encoded, RTLD_NOW | RTLD_LOCAL)
        if handle == NULL:
            raise OSError(f"cannot load {path}: {dlerror().decode()}")
        self._run = <run_f>_symbol(handle, "eqsim_run", path)
        self._bind = <bind_f>_symbol(handle, "eqsim_bind_array", path)
        self._set_constant = <set_double_f>_symbol(handle, "eqsim_set_constant", path)
        self._set_constant_u64 = <set_u64_f>_symbol(handle, "eqsim_set_constant_u64", path)
        self._set_seed = <seed_f>_symbol(handle, "eqsim_set_seed", path)
        self._set_clock = <clock_f>_symbol(handle, "eqsim_set_clock", path)
        self._clock_step = <clock_step_f>_symbol(handle, "eqsim_clock_step", path)
        self._stop = <stop_agreed_f>_symbol(handle, "eqsim_stop", path)
        self._profile_time = <profile_time_f>_symbol(handle, "eqsim_profile_time", path)
        self._profile_reset = <stop_f>_symbol(handle, "eqsim_profile_reset", path)
        self._buffer = <buffer_f>_symbol(handle, "eqsim_get_buffer", path)
        self._buffer_clear = <buffer_clear_f>_symbol(handle, "eqsim_buffer_clear_k", path)
        self._queue_reset = <queue_reset_f>_symbol(handle, "eqsim_queue_reset_k", path)
        self._queue_push = <queue_push_f>_symbol(handle, "eqsim_queue_push_k", path)
        self._queue_slot = <queue_slot_f>_symbol(handle, "eqsim_queue_slot_k", path)
        self._queue_slots = <queue_slots_f>_symbol(handle, "eqsim_queue_slots_k", path)
        self._set_exchange = <set_exchange_f>_symbol(handle, "eqsim_set_exchange", path)
        # a threaded library's team controller and its forks and joins are compiled here,
        # once (eqsim_team.h, eqsim_team_threads.h)
        cdef void *set_team = dlsym(handle, b"eqsim_set_team_functions")
        if set_team != NULL:
            (<set_team_functions_f>set_team)(&eqsim_team_control, &eqsim_team_threads_lent)
        # and PoissonInput's binomial sampler (eqsim_binomial_lent.h)
        (<set_binomial_functions_f>_symbol(handle, "eqsim_set_binomial_functions", path))(
            &eqsim_binomial_lent)
        self.ARRAYS, self.CONSTANTS = list(arrays), list(constants)
        self.CONSTANT_IS_U64 = list(constant_is_u64)
        self.BUFFERS, self.BUFFER_DTYPES = list(buffers), list(buffer_dtypes)
        self.QUEUES = list(queues)
        self.N_CLOCKS = n_clocks
        self._bound = []

    def bind(self, dict arrays, dict constants, uint64_t seed):
        """Give the C code the address of every array and the value of every scalar."""
        cdef int k
        self._bound = []
        for k, name in enumerate(self.ARRAYS):
            arr = arrays[name]
            if not arr.flags.c_contiguous:
                raise ValueError(f"array {name} is not contiguous")
            self._bound.append(arr)
            self._bind(k, <void *><size_t>arr.ctypes.data)
        for k, name in enumerate(self.CONSTANTS):
            if self.CONSTANT_IS_U64[k]:
                self._set_constant_u64(k, <uint64_t>constants[name])
            else:
                self._set_constant(k, <double>constants[name])
        self._set_seed(seed)

    def set_clocks(self, dts, steps, ends):
        cdef int c
        for c in range(self.N_CLOCKS):
            self._set_clock(c, dts[c], steps[c], ends[c])

    def clock_steps(self):
        return [self._clock_step(c) for c in range(self.N_CLOCKS)]

    def stop(self, bint agreed=False):
        """End the run once the current step is complete (called from a network operation).
        On K processes, a stop that only this process asks for travels with the next spike
        exchange; ``agreed``: every process stops after this step (they agreed on it)."""
        self._stop(agreed)

    def profile_time(self, int k):
        """Seconds spent in kernel slot ``k`` since the last ``profile_reset()`` (0 unless
        the library was generated with profiling)."""
        return self._profile_time(k)

    def profile_reset(self):
        self._profile_reset()

    def set_exchange(self, size_t allgather, size_t isend, size_t irecv, size_t waitall,
                     int64_t int32_type, int64_t comm, int32_t size, int32_t rank):
        """``MPI_Allgather``, ``MPI_Isend``, ``MPI_Irecv`` and ``MPI_Waitall`` (addresses),
        the handles and this process's rank, which the spike exchange kernels call with."""
        self._set_exchange(<void *>allgather, <void *>isend, <void *>irecv, <void *>waitall,
                           int32_type, comm, size, rank)

    def run(self, netops):
        """Run until every clock reaches its end; ``netops[k]()`` is called when due.
        Returns -1, or ``-1 - reason`` when a kernel halted the run (``EQSIM_HALT_*`` of
        network.c.j2: 1 another process failed, 2 out of memory, 3 an MPI error)."""
        cdef int due
        while True:
            due = self._run()
            if due < 0:
                return due
            netops[due]()

    def take_buffer(self, name):
        """Copy out and empty a monitor's record buffer."""
        cdef int k = self.BUFFERS.index(name)
        cdef eqsim_buffer *b = self._buffer(k)
        out = np.empty(b.size, dtype=self.BUFFER_DTYPES[k])
        if b.size:
            memcpy(<void *><size_t>out.ctypes.data, b.data, b.size * b.itemsize)
        self._buffer_clear(k)
        return out

    def reserve_buffer(self, name, int64_t extra):
        """Make room for exactly ``extra`` more items in a record buffer before a run, so
        that the run does not grow it (by doubling, or abort when memory runs out) while
        it records. MemoryError when that much memory cannot be had."""
        cdef int k = self.BUFFERS.index(name)
        cdef eqsim_buffer *b = self._buffer(k)
        cdef int64_t need = b.size + extra
        cdef void *p
        if need <= b.capacity:
            return
        if extra < 0 or need > 0x7FFFFFFFFFFFFFFF // b.itemsize:
            raise MemoryError(f"{extra} more items for {name} do not fit in memory")
        p = realloc(b.data, <size_t>(need * b.itemsize))
        if p == NULL:
            raise MemoryError(f"cannot allocate {need * b.itemsize} bytes for {name}")
        b.data = <char *>p
        b.capacity = need

    def queue_reset(self, name, int64_t n_slots, contents):
        """Empty a pathway's queue, size it, and refill it (``contents[k]`` arrives in k steps)."""
        cdef int k = self.QUEUES.index(name)
        cdef int64_t offset, m
        self._queue_reset(k, n_slots)
        for offset, items in enumerate(contents):
            for m in range(len(items)):
                self._queue_push(k, offset, items[m])

    def queue_contents(self, name):
        """What is in flight: a list of int32 arrays, entry k arriving in k steps."""
        cdef int k = self.QUEUES.index(name)
        cdef int64_t offset, n
        cdef int32_t *items
        out = []
        for offset in range(self._queue_slots(k)):
            items = self._queue_slot(k, offset, &n)
            arr = np.empty(n, dtype=np.int32)
            if n:
                memcpy(<void *><size_t>arr.ctypes.data, items, n * sizeof(int32_t))
            out.append(arr)
        return out
