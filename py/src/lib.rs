//! `wsclose._wsclose`: the private extension module behind the `wsclose` Python package.
//!
//! It holds no table and no rule of its own: every fact and every check comes from the `wsclose`
//! crate. What it does is conversion (Python ints, strings and buffers in, Python objects out)
//! and errors. The enums (`Category`, `Reconnect`, `CloseCode`, `PayloadErrorKind`) are
//! generated into `python/wsclose/_constants.py`; `Close` and `PayloadError` are defined in
//! `python/wsclose/__init__.py`, which hands them to [`_register`] once at import. From then on
//! a call returns cached members of those types, so `classify` builds nothing and `info` of a
//! named code returns a cached [`CodeInfo`].

mod bulk;

use core::sync::atomic::{AtomicU16, AtomicU8, Ordering};

use pyo3::basic::CompareOp;
use pyo3::buffer::{ElementType, PyUntypedBuffer};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyInt, PyList, PyString, PyTuple, PyType};
use wsclose::{Category, CloseCode, PayloadError, PayloadErrorKind, Reconnect, MAX_CLOSE_PAYLOAD};

mod model;
mod stats;

/// A code the core names (a `CloseCode` member), with the objects made for it once.
struct Named {
    value: u16,
    /// The `CloseCode` member.
    member: Py<PyAny>,
    /// `info(member)`, shared: a `CodeInfo` is immutable.
    info: Py<CodeInfo>,
    /// `Close(member, "")`, shared: tuples are immutable, so the common reason-less Close of a
    /// named code is shared, as small ints are.
    bare_close: Py<PyAny>,
}

/// The Python types and enum members that results are made of, registered by `__init__.py`.
struct Registry {
    /// `Category` members, indexed by discriminant.
    categories: Vec<Py<PyAny>>,
    /// Each category's description as a `str`, indexed by discriminant.
    category_descriptions: Vec<Py<PyString>>,
    /// `Reconnect` members, indexed by discriminant.
    reconnects: Vec<Py<PyAny>>,
    /// The named codes in numeric order.
    named: Vec<Named>,
    /// `PayloadErrorKind` members, indexed by `discriminant - 1`.
    kinds: Vec<Py<PyAny>>,
    /// The `Close` named tuple class.
    close: Py<PyType>,
    /// The `tp_alloc` slot of `Close`, with which a `Close` is built the way `tuple.__new__`
    /// builds instances of tuple subclasses, without running Python code.
    close_alloc: ffi::allocfunc,
    /// `tuple.__new__`, for the safe way of building a `Close` (measured against the above).
    tuple_new: Py<PyAny>,
    /// `PayloadError(message, kind, close_code, code)`.
    payload_error: Py<PyAny>,
}

impl Registry {
    fn named(&self, code: CloseCode) -> Option<&Named> {
        self.named
            .binary_search_by_key(&code.as_u16(), |named| named.value)
            .ok()
            .map(|index| &self.named[index])
    }
}

static REGISTRY: PyOnceLock<Registry> = PyOnceLock::new();

/// From this many codes on, `classify_many` releases the GIL while it works.
const DETACH_THRESHOLD: usize = 1 << 15;

fn registry(py: Python<'_>) -> PyResult<&Registry> {
    REGISTRY.get(py).ok_or_else(|| {
        PyRuntimeError::new_err("wsclose._wsclose is private: import the wsclose package instead")
    })
}

/// The name of `obj`'s type, for error messages.
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

/// A close code argument: an `int` (including `bool` and `IntEnum` members) or an object with
/// `__index__` (such as a numpy integer), in 0..=65535. Type conversion only: whether the code
/// may be used for anything is the core's business.
fn code_arg(obj: &Bound<'_, PyAny>) -> PyResult<u16> {
    if let Ok(int) = obj.cast::<PyInt>() {
        return int_to_code(int);
    }
    if obj.get_type().hasattr(pyo3::intern!(obj.py(), "__index__"))? {
        let index = obj.call_method0(pyo3::intern!(obj.py(), "__index__"))?;
        if let Ok(int) = index.cast::<PyInt>() {
            return int_to_code(int);
        }
    }
    Err(PyTypeError::new_err(format!(
        "a close code must be an int, not {}",
        type_name(obj)
    )))
}

fn int_to_code(int: &Bound<'_, PyInt>) -> PyResult<u16> {
    int.extract::<u16>().map_err(|_| {
        PyValueError::new_err(format!(
            "close code {} is out of range: close codes are 0 to 65535",
            int.str()
                .map(|text| text.to_string())
                .unwrap_or_else(|_| "with more digits than Python prints".to_owned())
        ))
    })
}

/// `code` as its `CloseCode` member when the core names it, else as a plain `int`.
fn code_object<'py>(py: Python<'py>, reg: &Registry, code: CloseCode) -> Bound<'py, PyAny> {
    match reg.named(code) {
        Some(named) => named.member.bind(py).clone(),
        None => PyInt::new(py, code.as_u16()).into_any(),
    }
}

/// A copy of the bytes of any object with the buffer protocol (`bytes(obj)`), or `None` for
/// `str` and for objects without it.
fn buffer_bytes<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyBytes>>> {
    if obj.is_instance_of::<PyString>() || PyUntypedBuffer::get(obj).is_err() {
        return Ok(None);
    }
    let copy = obj.py().get_type::<PyBytes>().call1((obj,))?;
    Ok(Some(copy.cast_into::<PyBytes>()?))
}

/// Everything wsclose knows about one code, as returned by `info()`. Immutable; equal (and
/// hashed) by its code, since every other field follows from the code.
#[pyclass(frozen, module = "wsclose", name = "CodeInfo")]
struct CodeInfo {
    value: u16,
    /// The `CloseCode` member for a named code, else a plain `int`.
    #[pyo3(get)]
    code: Py<PyAny>,
    #[pyo3(get)]
    category: Py<PyAny>,
    /// The standard or IANA name, e.g. `"Going Away"`, else `None`.
    #[pyo3(get)]
    name: Option<Py<PyString>>,
    /// The constant name, e.g. `"GOING_AWAY"`, else `None`.
    #[pyo3(get)]
    const_name: Option<Py<PyString>>,
    /// What the code means; for a code without a name, the description of its range.
    #[pyo3(get)]
    description: Py<PyString>,
    #[pyo3(get)]
    sendable: bool,
    #[pyo3(get)]
    local_only: bool,
    #[pyo3(get)]
    browser_closeable: bool,
    #[pyo3(get)]
    ok: bool,
    #[pyo3(get)]
    reconnect: Py<PyAny>,
}

impl CodeInfo {
    /// The facts of `code`, from the core. `code_obj` is what the `code` field holds.
    fn new(
        py: Python<'_>,
        categories: &[Py<PyAny>],
        category_descriptions: &[Py<PyString>],
        reconnects: &[Py<PyAny>],
        code: CloseCode,
        code_obj: Bound<'_, PyAny>,
    ) -> CodeInfo {
        let facts = code.info();
        let category = facts.category as usize;
        // The description of a code without its own is its range's: share that `str`.
        let description = if core::ptr::eq(facts.description, facts.category.description()) {
            category_descriptions[category].clone_ref(py)
        } else {
            PyString::new(py, facts.description).unbind()
        };
        CodeInfo {
            value: code.as_u16(),
            code: code_obj.unbind(),
            category: categories[category].clone_ref(py),
            name: facts.name.map(|name| PyString::new(py, name).unbind()),
            const_name: code.const_name().map(|name| PyString::new(py, name).unbind()),
            description,
            sendable: facts.sendable,
            local_only: facts.local_only,
            browser_closeable: facts.browser_closeable,
            ok: facts.ok,
            reconnect: reconnects[facts.reconnect as usize].clone_ref(py),
        }
    }
}

#[pymethods]
impl CodeInfo {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // The description is left out: it is long, and follows from the code.
        let member = |obj: &Py<PyAny>| -> PyResult<String> {
            let obj = obj.bind(py);
            Ok(format!("{}.{}", type_name(obj), obj.getattr("name")?))
        };
        let name = match &self.name {
            Some(name) => name.bind(py).repr()?.to_string(),
            None => "None".to_owned(),
        };
        let py_bool = |flag: bool| if flag { "True" } else { "False" };
        Ok(format!(
            "CodeInfo(code={}, category={}, name={name}, sendable={}, local_only={}, \
             browser_closeable={}, ok={}, reconnect={})",
            self.value,
            member(&self.category)?,
            py_bool(self.sendable),
            py_bool(self.local_only),
            py_bool(self.browser_closeable),
            py_bool(self.ok),
            member(&self.reconnect)?,
        ))
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let equal = match other.cast::<CodeInfo>() {
            Ok(other) => self.value == other.get().value,
            Err(_) => return Ok(py.NotImplemented()),
        };
        let answer = match op {
            CompareOp::Eq => equal,
            CompareOp::Ne => !equal,
            _ => return Ok(py.NotImplemented()),
        };
        Ok(answer.into_pyobject(py)?.to_owned().into_any().unbind())
    }

    fn __hash__(&self) -> u64 {
        u64::from(self.value)
    }

    /// Pickled as the call `info(code)`.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (u16,))> {
        Ok((py.import("wsclose")?.getattr("info")?, (self.value,)))
    }
}

/// Registers the Python types results are built from. Called once by `wsclose/__init__.py`;
/// checks that the Python enums carry the numbers and names of the core.
/// Checks that Python enum `members` are exactly `expected` (name, value as `str()`), in order;
/// the error names `what`. Used by every registration that checks enums against the core.
pub(crate) fn check_members(
    members: &[Bound<'_, PyAny>],
    expected: impl IntoIterator<Item = (String, String)>,
    what: &str,
) -> PyResult<()> {
    let found = members
        .iter()
        .map(|m| {
            Ok((
                m.getattr("name")?.extract()?,
                m.getattr("value")?.str()?.to_string(),
            ))
        })
        .collect::<PyResult<Vec<(String, String)>>>()?;
    if found == expected.into_iter().collect::<Vec<_>>() {
        Ok(())
    } else {
        Err(PyRuntimeError::new_err(format!(
            "wsclose: the Python {what} do not match the core"
        )))
    }
}

#[pyfunction]
fn _register(
    py: Python<'_>,
    categories: Vec<Bound<'_, PyAny>>,
    reconnects: Vec<Bound<'_, PyAny>>,
    close_codes: Vec<Bound<'_, PyAny>>,
    kinds: Vec<Bound<'_, PyAny>>,
    close: Bound<'_, PyAny>,
    payload_error: Bound<'_, PyAny>,
) -> PyResult<()> {
    if REGISTRY.get(py).is_some() {
        return Err(PyRuntimeError::new_err("wsclose: types are already registered"));
    }
    let mismatch =
        |what: &str| PyRuntimeError::new_err(format!("wsclose: the Python {what} do not match the core"));
    check_members(
        &categories,
        Category::ALL
            .iter()
            .map(|&c| (c.const_name().to_owned(), (c as u8).to_string())),
        "Category members",
    )?;
    check_members(
        &reconnects,
        Reconnect::ALL
            .iter()
            .map(|&r| (r.const_name().to_owned(), (r as u8).to_string())),
        "Reconnect members",
    )?;
    let named_codes: Vec<(CloseCode, &str)> = (0..=u16::MAX)
        .map(CloseCode::new)
        .filter_map(|code| Some((code, code.const_name()?)))
        .collect();
    check_members(
        &close_codes,
        named_codes
            .iter()
            .map(|(code, konst)| ((*konst).to_owned(), code.as_u16().to_string())),
        "CloseCode members",
    )?;
    check_members(
        &kinds,
        PayloadErrorKind::ALL
            .iter()
            .map(|k| (k.const_name().to_owned(), k.const_name().to_owned())),
        "PayloadErrorKind members",
    )?;
    let close = close
        .cast_into::<PyType>()
        .ok()
        .filter(|close| close.is_subclass_of::<PyTuple>().unwrap_or(false))
        .ok_or_else(|| mismatch("Close type (it must be a NamedTuple)"))?;
    // SAFETY: `close` is a heap type (a class statement made it), whose slots `PyType_GetSlot`
    // reads; a tuple subclass always has `tp_alloc`.
    let slot = unsafe { ffi::PyType_GetSlot(close.as_ptr().cast(), ffi::Py_tp_alloc) };
    if slot.is_null() {
        return Err(mismatch("Close type (it has no tp_alloc)"));
    }
    // SAFETY: the `Py_tp_alloc` slot holds an `allocfunc`.
    let close_alloc = unsafe { core::mem::transmute::<*mut core::ffi::c_void, ffi::allocfunc>(slot) };
    let unbind = |members: Vec<Bound<'_, PyAny>>| members.into_iter().map(Bound::unbind).collect();
    let categories: Vec<Py<PyAny>> = unbind(categories);
    let reconnects: Vec<Py<PyAny>> = unbind(reconnects);
    let category_descriptions: Vec<Py<PyString>> = Category::ALL
        .iter()
        .map(|c| PyString::new(py, c.description()).unbind())
        .collect();
    let mut registry = Registry {
        named: Vec::new(),
        kinds: unbind(kinds),
        close: close.unbind(),
        close_alloc,
        tuple_new: py.get_type::<PyTuple>().getattr("__new__")?.unbind(),
        payload_error: payload_error.unbind(),
        categories,
        category_descriptions,
        reconnects,
    };
    let empty = PyString::new(py, "");
    for ((code, _), member) in named_codes.iter().zip(close_codes) {
        let info = CodeInfo::new(
            py,
            &registry.categories,
            &registry.category_descriptions,
            &registry.reconnects,
            *code,
            member.clone(),
        );
        let bare_close = new_close(py, &registry, member.clone(), empty.clone().into_any())?;
        registry.named.push(Named {
            value: code.as_u16(),
            member: member.unbind(),
            info: Py::new(py, info)?,
            bare_close: bare_close.unbind(),
        });
    }
    REGISTRY
        .set(py, registry)
        .map_err(|_| PyRuntimeError::new_err("wsclose: types are already registered"))
}

/// The category of one code, as a cached `Category` member.
#[pyfunction]
#[pyo3(signature = (code, /))]
fn classify<'py>(py: Python<'py>, code: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let code = code_arg(code)?;
    let reg = registry(py)?;
    Ok(reg.categories[wsclose::classify(code) as usize].bind(py).clone())
}

/// Everything about one code, as a `CodeInfo`: cached for the codes the core names, built
/// from the core's facts (a few cached objects and an int) for the others.
#[pyfunction]
#[pyo3(signature = (code, /))]
fn info<'py>(py: Python<'py>, code: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let code = CloseCode::new(code_arg(code)?);
    let reg = registry(py)?;
    if let Some(named) = reg.named(code) {
        return Ok(named.info.bind(py).clone().into_any());
    }
    let info = CodeInfo::new(
        py,
        &reg.categories,
        &reg.category_descriptions,
        &reg.reconnects,
        code,
        PyInt::new(py, code.as_u16()).into_any(),
    );
    Ok(Bound::new(py, info)?.into_any())
}

/// The `PayloadError` for a payload that breaks the protocol or cannot be encoded: the core's
/// text, its kind, the code to answer with and the code carried.
fn payload_error(py: Python<'_>, reg: &Registry, err: PayloadError) -> PyErr {
    let kind = reg.kinds[err.kind() as usize - 1].bind(py);
    let answer = err.close_code().map(|code| code_object(py, reg, code));
    let carried = err.code().map(|code| code_object(py, reg, code));
    match reg
        .payload_error
        .bind(py)
        .call1((err.to_string(), kind, answer, carried))
    {
        Ok(exc) => PyErr::from_value(exc),
        Err(failure) => failure,
    }
}

/// Parses a Close frame payload (any bytes-like object) into a `Close(code, reason)`.
#[pyfunction]
#[pyo3(signature = (data, /))]
fn parse_close_payload<'py>(py: Python<'py>, data: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let reg = registry(py)?;
    if let Ok(bytes) = data.cast::<PyBytes>() {
        return close_result(py, reg, bytes.as_bytes(), new_close);
    }
    // Another bytes-like object: parse a copy, which nobody else can change meanwhile.
    match buffer_bytes(data)? {
        Some(copy) => close_result(py, reg, copy.as_bytes(), new_close),
        None => Err(PyTypeError::new_err(format!(
            "parse_close_payload() needs a bytes-like object, not {}",
            type_name(data)
        ))),
    }
}

/// `parse_close_payload` for `bytes`, with `Close` built through pyo3's safe API
/// (`tuple.__new__(Close, (code, reason))`): the benchmark's reference for [`new_close`].
#[pyfunction]
#[pyo3(signature = (data, /))]
fn _parse_close_payload_safe<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyBytes>,
) -> PyResult<Bound<'py, PyAny>> {
    close_result(py, registry(py)?, data.as_bytes(), new_close_safe)
}

type CloseBuilder =
    for<'py> fn(Python<'py>, &Registry, Bound<'py, PyAny>, Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>>;

fn close_result<'py>(
    py: Python<'py>,
    reg: &Registry,
    payload: &[u8],
    build: CloseBuilder,
) -> PyResult<Bound<'py, PyAny>> {
    match wsclose::parse_close_payload(payload) {
        Ok(close) => {
            let reason = close.reason();
            match reg.named(close.code()) {
                Some(named) if reason.is_empty() => Ok(named.bare_close.bind(py).clone()),
                Some(named) => build(
                    py,
                    reg,
                    named.member.bind(py).clone(),
                    PyString::new(py, reason).into_any(),
                ),
                None => build(
                    py,
                    reg,
                    PyInt::new(py, close.code().as_u16()).into_any(),
                    PyString::new(py, reason).into_any(),
                ),
            }
        }
        Err(err) => Err(payload_error(py, reg, err)),
    }
}

/// `Close(code, reason)`, built as `tuple.__new__(Close, (code, reason))` builds it (allocate
/// the subclass instance, then fill its two slots) but without the argument tuples and the
/// call of `tuple.__new__`, which cost more than the parsing itself.
///
/// Kept because it pays: `make bench-py` times `parse_close_payload` with this and with
/// [`new_close_safe`] (pyo3's safe API) in one run. The run in docs/benchmarks.md (2026-11-27,
/// 2-core AMD EPYC, CPython 3.11, load average 11, so absolute figures are inflated), per call:
/// mix 768 ns here vs 1898 ns safe (0.40×), ASCII reasons 1084 vs 1669 ns (0.65×), multi-byte
/// reasons 1956 vs 3328 ns (0.59×), no reason 456 vs 832 ns (0.55×; most of those return the
/// shared reason-less `Close` of a named code, the rest build one).
fn new_close<'py>(
    py: Python<'py>,
    reg: &Registry,
    code: Bound<'py, PyAny>,
    reason: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: `close_alloc` is the `tp_alloc` of `Close`, a tuple subclass (checked in
    // `_register`); it returns a new reference (refcount 1, so `PyTuple_SetItem` accepts it) or
    // NULL with an exception set. `PyTuple_SetItem` steals the item references; on failure it
    // has already released the item, and the half-built tuple is released by `made`'s drop.
    unsafe {
        let made = Bound::from_owned_ptr_or_err(py, (reg.close_alloc)(reg.close.as_ptr().cast(), 2))?;
        for (index, item) in [code, reason].into_iter().enumerate() {
            if ffi::PyTuple_SetItem(made.as_ptr(), index as ffi::Py_ssize_t, item.into_ptr()) != 0 {
                return Err(PyErr::fetch(py));
            }
        }
        Ok(made)
    }
}

/// `Close(code, reason)` through pyo3's safe API: `tuple.__new__(Close, (code, reason))`.
fn new_close_safe<'py>(
    py: Python<'py>,
    reg: &Registry,
    code: Bound<'py, PyAny>,
    reason: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    reg.tuple_new.bind(py).call1((reg.close.bind(py), (code, reason)))
}

/// Encodes a Close payload: the core's `encode_close_payload` on the reason's bytes. A `str`
/// reason is converted losslessly (`reason.encode("utf-8", "surrogatepass")`), so a lone
/// surrogate reaches the core as its 3-byte form and fails there as `INVALID_UTF8`; a
/// bytes-like reason is passed as it is. `reason=None` is the empty reason.
#[pyfunction]
#[pyo3(signature = (code, reason = None))]
fn encode_close_payload<'py>(
    py: Python<'py>,
    code: &Bound<'py, PyAny>,
    reason: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let code = CloseCode::new(code_arg(code)?);
    let reg = registry(py)?;
    let mut out = [0u8; MAX_CLOSE_PAYLOAD];
    let mut encode = |reason: &[u8]| wsclose::encode_close_payload(code, reason, &mut out);
    let result = match reason {
        None => encode(b""),
        Some(obj) => {
            if let Ok(text) = obj.cast::<PyString>() {
                match text.to_str() {
                    Ok(text) => encode(text.as_bytes()),
                    Err(_) => {
                        // Only a str with a lone surrogate has no UTF-8 form.
                        let wtf8 = text.call_method1(
                            pyo3::intern!(py, "encode"),
                            (pyo3::intern!(py, "utf-8"), pyo3::intern!(py, "surrogatepass")),
                        )?;
                        encode(wtf8.cast::<PyBytes>()?.as_bytes())
                    }
                }
            } else if let Ok(bytes) = obj.cast::<PyBytes>() {
                encode(bytes.as_bytes())
            } else {
                match buffer_bytes(obj)? {
                    Some(copy) => encode(copy.as_bytes()),
                    None => {
                        return Err(PyTypeError::new_err(format!(
                            "a close reason must be a str or a bytes-like object, not {}",
                            type_name(obj)
                        )))
                    }
                }
            }
        }
    };
    match result {
        Ok(len) => Ok(PyBytes::new(py, &out[..len])),
        Err(err) => Err(payload_error(py, reg, err)),
    }
}

/// How the 16-bit items of a buffer are laid out.
#[derive(Clone, Copy)]
enum Layout {
    Native,
    Swapped,
}

/// The layout of a buffer of 16-bit codes, from its `struct` format and item size.
fn buffer_layout(buffer: &PyUntypedBuffer) -> PyResult<Layout> {
    let format = buffer.format().to_bytes();
    let item_size = buffer.item_size();
    if item_size == 1
        && matches!(
            format,
            b"B" | b"@B" | b"=B" | b"<B" | b">B" | b"!B" | b"b" | b"@b" | b"c"
        )
    {
        // Raw bytes: pairs in native byte order, like memoryview(data).cast("H").
        if buffer.len_bytes() % 2 != 0 {
            return Err(PyValueError::new_err(format!(
                "classify_many() got a byte buffer of {} bytes, which is not a whole number of \
                 16-bit codes (2 bytes each, native byte order)",
                buffer.len_bytes()
            )));
        }
        return Ok(Layout::Native);
    }
    let unsigned16 = item_size == 2
        && ElementType::from_format(buffer.format()) == ElementType::UnsignedInteger { bytes: 2 };
    if unsigned16 {
        let swapped = match format.first() {
            Some(b'<') => cfg!(target_endian = "big"),
            Some(b'>' | b'!') => cfg!(target_endian = "little"),
            _ => false,
        };
        return Ok(if swapped { Layout::Swapped } else { Layout::Native });
    }
    Err(PyTypeError::new_err(format!(
        "classify_many() needs unsigned 16-bit codes (buffer format 'H'), not a buffer of format \
         '{}' with {item_size}-byte items; convert with array.array('H', ...) or numpy's .astype('uint16')",
        String::from_utf8_lossy(format)
    )))
}

/// Classifies `out.len()` codes read from `src`, through a stack buffer so the core's
/// vectorised loop runs on memory no other thread can change.
///
/// # Safety
/// `src` must point to `2 * out.len()` readable bytes for the duration of the call.
unsafe fn classify_raw(src: usize, layout: Layout, out: &mut [u8]) {
    const CHUNK: usize = 4096;
    let mut codes = [0u16; CHUNK];
    let src = src as *mut u8;
    let aligned = src.align_offset(2) == 0;
    for (chunk, out) in out.chunks_mut(CHUNK).enumerate() {
        let codes = &mut codes[..out.len()];
        let base = chunk * CHUNK;
        if aligned {
            for (i, code) in codes.iter_mut().enumerate() {
                // SAFETY: in bounds and 2-aligned (checked above); atomic loads keep a
                // concurrent writer from making this a data race.
                *code =
                    unsafe { AtomicU16::from_ptr(src.add(2 * (base + i)).cast()) }.load(Ordering::Relaxed);
            }
        } else {
            for (i, code) in codes.iter_mut().enumerate() {
                let at = 2 * (base + i);
                // SAFETY: both bytes are in bounds; `AtomicU8` has no alignment requirement.
                let bytes = unsafe {
                    [
                        AtomicU8::from_ptr(src.add(at)).load(Ordering::Relaxed),
                        AtomicU8::from_ptr(src.add(at + 1)).load(Ordering::Relaxed),
                    ]
                };
                *code = u16::from_ne_bytes(bytes);
            }
        }
        if let Layout::Swapped = layout {
            for code in codes.iter_mut() {
                *code = code.swap_bytes();
            }
        }
        // Lengths are equal by construction.
        let _ = wsclose::classify_many(codes, out);
    }
}

/// One category byte per code. `codes` is a buffer of unsigned 16-bit integers (read in place,
/// without a copy), raw bytes holding such integers in native order, or an iterable of ints.
#[pyfunction]
#[pyo3(signature = (codes, /))]
fn classify_many<'py>(py: Python<'py>, codes: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    if codes.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "classify_many() needs a buffer of uint16 or an iterable of ints, not str",
        ));
    }
    match PyUntypedBuffer::get(codes) {
        Ok(buffer) => {
            if !buffer.is_c_contiguous() {
                return Err(PyValueError::new_err(
                    "classify_many() needs a contiguous buffer; pass a contiguous copy \
                     (for numpy, numpy.ascontiguousarray(codes))",
                ));
            }
            let layout = buffer_layout(&buffer)?;
            let count = buffer.len_bytes() / 2;
            let src = buffer.buf_ptr() as usize;
            let result = PyBytes::new_with(py, count, |out| {
                if count >= DETACH_THRESHOLD {
                    // SAFETY: `buffer` stays alive (and its memory exported) until after this.
                    py.detach(|| unsafe { classify_raw(src, layout, out) });
                } else {
                    // SAFETY: as above.
                    unsafe { classify_raw(src, layout, out) };
                }
                Ok(())
            });
            drop(buffer);
            result
        }
        Err(err) if err.is_instance_of::<PyTypeError>(py) => classify_iterable(py, codes),
        Err(err) => Err(err),
    }
}

fn classify_iterable<'py>(py: Python<'py>, codes: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let iter = codes.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "classify_many() needs a buffer of uint16 or an iterable of ints, not {}",
            type_name(codes)
        ))
    })?;
    let mut out = Vec::with_capacity(codes.len().unwrap_or(0));
    for (index, item) in iter.enumerate() {
        let code = code_arg(&item?).map_err(|err| {
            let message = format!("classify_many() item {index}: {}", err.value(py));
            if err.is_instance_of::<PyTypeError>(py) {
                PyTypeError::new_err(message)
            } else {
                PyValueError::new_err(message)
            }
        })?;
        out.push(wsclose::classify(code) as u8);
    }
    Ok(PyBytes::new(py, &out))
}

/// `(value, const_name, label, description, first, last)` for each category.
#[pyfunction]
fn categories(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let rows = Category::ALL.iter().map(|&category| {
        let range = category.range();
        (
            category as u8,
            category.const_name(),
            category.label(),
            category.description(),
            *range.start(),
            *range.end(),
        )
    });
    PyList::new(py, rows)
}

/// `(value, const_name, label)` for each reconnect advice.
#[pyfunction]
fn reconnects(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let rows = Reconnect::ALL
        .iter()
        .map(|&advice| (advice as u8, advice.const_name(), advice.label()));
    PyList::new(py, rows)
}

/// `(const_name, message, result_number, answer code or None)` for each payload error kind.
#[pyfunction]
fn payload_error_kinds(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let rows = PayloadErrorKind::ALL.iter().map(|&kind| {
        (
            kind.const_name(),
            kind.message(),
            kind.result_number(),
            kind.close_code().map(CloseCode::as_u16),
        )
    });
    PyList::new(py, rows)
}

#[pymodule]
fn _wsclose(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add("MAX_CLOSE_PAYLOAD", wsclose::MAX_CLOSE_PAYLOAD)?;
    module.add("MAX_REASON_LEN", wsclose::MAX_REASON_LEN)?;
    module.add_class::<CodeInfo>()?;
    module.add_function(wrap_pyfunction!(_register, module)?)?;
    module.add_function(wrap_pyfunction!(classify, module)?)?;
    module.add_function(wrap_pyfunction!(info, module)?)?;
    module.add_function(wrap_pyfunction!(parse_close_payload, module)?)?;
    module.add_function(wrap_pyfunction!(_parse_close_payload_safe, module)?)?;
    module.add_function(wrap_pyfunction!(encode_close_payload, module)?)?;
    module.add_function(wrap_pyfunction!(classify_many, module)?)?;
    module.add_function(wrap_pyfunction!(categories, module)?)?;
    module.add_function(wrap_pyfunction!(reconnects, module)?)?;
    module.add_function(wrap_pyfunction!(payload_error_kinds, module)?)?;
    model::add(module)?;
    bulk::register(module)?;
    stats::register(module)?;
    Ok(())
}
