//! CKKS on Microsoft SEAL 4.0 through its C API (our own declarations in [`ffi`]).
//!
//! SEAL (MIT) is vendored under `vendor/SEAL` and built by `build.rs` with cmake; no GPL
//! wrapper crate is involved. Handles are owned by small RAII wrappers; SEAL objects are
//! immutable once built, and SEAL's evaluator, keys and context can be shared across
//! threads, so the wrappers are `Send + Sync` and rayon parallelises over ciphertexts.
//! The client owns the `KeyGenerator` (and so the secret key); the server is built from
//! the client's serialized [`EvalKeys`] and the shared parameters only.

pub mod ffi;

use std::collections::BTreeSet;
use std::ffi::c_int;
use std::ptr::null_mut;
use std::sync::Arc;

use self::ffi::{Hresult, Ptr, COMPR_NONE};
use super::backend::{
    check_security, normalize_step, stable_scale, Backend, Client, Counter, EvalKeys, Evaluator,
    Result,
};
use super::error::HeError;
use crate::fuse::packing::OpCounts;
use crate::fuse::params::CkksParams;

/// Turns an HRESULT into a `Result`.
// `c_long` is 32-bit on Windows: the cast is only a no-op here.
#[allow(clippy::unnecessary_cast)]
fn ok(call: &'static str, hr: Hresult) -> Result<()> {
    if hr < 0 {
        return Err(HeError::Seal {
            call,
            code: hr as i64,
        });
    }
    Ok(())
}

/// An owned SEAL object with its destructor.
struct Handle {
    ptr: Ptr,
    drop_fn: unsafe extern "C" fn(Ptr) -> Hresult,
}

// SAFETY: SEAL objects are only mutated through `&mut` or freshly created; const SEAL
// operations on shared objects are thread-safe (keys, context, evaluator, encoder).
unsafe impl Send for Handle {}
unsafe impl Sync for Handle {}

impl Handle {
    fn new(
        call: &'static str,
        drop_fn: unsafe extern "C" fn(Ptr) -> Hresult,
        create: impl FnOnce(*mut Ptr) -> Hresult,
    ) -> Result<Self> {
        let mut ptr = null_mut();
        ok(call, create(&mut ptr))?;
        Ok(Handle { ptr, drop_fn })
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        // SAFETY: `ptr` was created by SEAL and is destroyed exactly once.
        unsafe { (self.drop_fn)(self.ptr) };
    }
}

/// Serializes any SEAL object with the given `SaveSize`/`Save` pair.
fn save(
    ptr: Ptr,
    size_fn: unsafe extern "C" fn(Ptr, u8, *mut i64) -> Hresult,
    save_fn: unsafe extern "C" fn(Ptr, *mut u8, u64, u8, *mut i64) -> Hresult,
) -> Result<Vec<u8>> {
    let mut size = 0i64;
    // SAFETY: valid handle, out-pointers to locals.
    ok("SaveSize", unsafe { size_fn(ptr, COMPR_NONE, &mut size) })?;
    let mut buf = vec![0u8; size as usize];
    let mut written = 0i64;
    // SAFETY: `buf` holds `size` bytes.
    ok("Save", unsafe {
        save_fn(ptr, buf.as_mut_ptr(), size as u64, COMPR_NONE, &mut written)
    })?;
    buf.truncate(written as usize);
    Ok(buf)
}

/// A SEAL ciphertext.
pub struct SealCt(Handle);

impl SealCt {
    fn empty() -> Result<Self> {
        // SAFETY: null pool = SEAL's global (thread-safe) pool.
        Handle::new("Ciphertext_Create1", ffi::Ciphertext_Destroy, |o| unsafe {
            ffi::Ciphertext_Create1(null_mut(), o)
        })
        .map(SealCt)
    }

    fn ptr(&self) -> Ptr {
        self.0.ptr
    }
}

impl Clone for SealCt {
    fn clone(&self) -> Self {
        // SAFETY: copy-constructs from a valid ciphertext; only fails on out-of-memory.
        Handle::new("Ciphertext_Create2", ffi::Ciphertext_Destroy, |o| unsafe {
            ffi::Ciphertext_Create2(self.ptr(), o)
        })
        .map(SealCt)
        .expect("copying a SEAL ciphertext")
    }
}

/// A SEAL plaintext.
pub struct SealPt(Handle);

/// Context, encoder and chain facts shared by client and server (no key material).
struct Ctx {
    ctx: Handle,
    encoder: Handle,
    /// parms_id of each level consumed (0 = first data level).
    parms: Vec<[u64; 4]>,
    /// Data primes in SEAL order (as SEAL chose them).
    primes: Vec<u64>,
    slots: usize,
    scale: f64,
}

impl Ctx {
    fn new(p: &CkksParams) -> Result<Self> {
        check_security(p)?;
        let params = Handle::new("EncParams_Create1", ffi::EncParams_Destroy, |o| unsafe {
            ffi::EncParams_Create1(ffi::SCHEME_CKKS, o)
        })?;
        let primes = set_chain(params.ptr, p)?;
        let ctx = Handle::new("SEALContext_Create", ffi::SEALContext_Destroy, |o| unsafe {
            ffi::SEALContext_Create(params.ptr, true, ffi::SEC_LEVEL_128, o)
        })?;
        let mut set = false;
        // SAFETY: valid context.
        ok("SEALContext_ParametersSet", unsafe {
            ffi::SEALContext_ParametersSet(ctx.ptr, &mut set)
        })?;
        if !set {
            return Err(HeError::Params(format!(
                "SEAL rejected N={} moduli {:?}",
                p.ring_dim, p.moduli_bits
            )));
        }
        let parms = level_parms(ctx.ptr, p.depth)?;
        let encoder = Handle::new("CKKSEncoder_Create", ffi::CKKSEncoder_Destroy, |o| unsafe {
            ffi::CKKSEncoder_Create(ctx.ptr, o)
        })?;
        Ok(Ctx {
            ctx,
            encoder,
            parms,
            primes: primes[..primes.len() - 1].to_vec(),
            slots: p.slots,
            scale: stable_scale(p.scale_bits, &primes[..primes.len() - 1]),
        })
    }

    fn encode(&self, values: &[f64], level: u32, scale: f64) -> Result<SealPt> {
        if values.len() > self.slots {
            return Err(HeError::TooManyValues {
                got: values.len(),
                slots: self.slots,
            });
        }
        let mut parms = *self
            .parms
            .get(level as usize)
            .ok_or_else(|| HeError::Level(format!("encode at level {level}")))?;
        let pt = Handle::new("Plaintext_Create1", ffi::Plaintext_Destroy, |o| unsafe {
            ffi::Plaintext_Create1(null_mut(), o)
        })?;
        let mut v = values.to_vec();
        // SAFETY: `v` has `len` doubles; SEAL only reads them.
        ok("CKKSEncoder_Encode1", unsafe {
            ffi::CKKSEncoder_Encode1(
                self.encoder.ptr,
                v.len() as u64,
                v.as_mut_ptr(),
                parms.as_mut_ptr(),
                scale,
                pt.ptr,
                null_mut(),
            )
        })?;
        Ok(SealPt(pt))
    }

    fn level_of(&self, ct: &SealCt) -> Result<u32> {
        let mut id = [0u64; 4];
        // SAFETY: valid ciphertext, 4-word parms_id out buffer.
        ok("Ciphertext_ParmsId", unsafe {
            ffi::Ciphertext_ParmsId(ct.ptr(), id.as_mut_ptr())
        })?;
        self.parms
            .iter()
            .position(|p| *p == id)
            .map(|l| l as u32)
            .ok_or_else(|| HeError::Level("ciphertext at an unknown level".into()))
    }
}

/// Sets N and the coefficient modulus; returns the primes SEAL chose.
fn set_chain(params: Ptr, p: &CkksParams) -> Result<Vec<u64>> {
    let n = p.moduli_bits.len();
    let mut bits: Vec<c_int> = p.moduli_bits.iter().map(|&b| b as c_int).collect();
    let mut mods: Vec<Ptr> = vec![null_mut(); n];
    // SAFETY: `mods` has room for `n` pointers, each a new Modulus freed below.
    unsafe {
        ok(
            "EncParams_SetPolyModulusDegree",
            ffi::EncParams_SetPolyModulusDegree(params, p.ring_dim as u64),
        )?;
        ok(
            "CoeffModulus_Create1",
            ffi::CoeffModulus_Create1(
                p.ring_dim as u64,
                n as u64,
                bits.as_mut_ptr(),
                mods.as_mut_ptr(),
            ),
        )?;
        let set = ok(
            "EncParams_SetCoeffModulus",
            ffi::EncParams_SetCoeffModulus(params, n as u64, mods.as_mut_ptr()),
        );
        let mut primes = vec![0u64; n];
        for (m, q) in mods.iter().zip(&mut primes) {
            ffi::Modulus_Value(*m, q);
            ffi::Modulus_Destroy(*m);
        }
        set.map(|_| primes)
    }
}

/// parms_id of each data level, from the first (level 0) down the chain.
fn level_parms(ctx: Ptr, depth: u32) -> Result<Vec<[u64; 4]>> {
    let mut out = Vec::new();
    let mut data = null_mut();
    // SAFETY: context data pointers are owned by the context (never freed here); the
    // EncryptionParameters copy from ContextData_Parms is freed after reading its id.
    unsafe {
        ok(
            "SEALContext_FirstContextData",
            ffi::SEALContext_FirstContextData(ctx, &mut data),
        )?;
        while !data.is_null() {
            let mut parms = null_mut();
            ok(
                "ContextData_Parms",
                ffi::ContextData_Parms(data, &mut parms),
            )?;
            let mut id = [0u64; 4];
            let r = ffi::EncParams_GetParmsId(parms, id.as_mut_ptr());
            ffi::EncParams_Destroy(parms);
            ok("EncParams_GetParmsId", r)?;
            out.push(id);
            let mut next = null_mut();
            ok(
                "ContextData_NextContextData",
                ffi::ContextData_NextContextData(data, &mut next),
            )?;
            data = next;
        }
    }
    if out.len() != depth as usize + 1 {
        return Err(HeError::Params(format!(
            "SEAL chain has {} data levels, depth {depth} needs {}",
            out.len(),
            depth + 1
        )));
    }
    Ok(out)
}

/// Client: key generator (secret key inside), encryptor, decryptor.
pub struct SealClient {
    ctx: Arc<Ctx>,
    keygen: Handle,
    public: Handle,
    encryptor: Handle,
    decryptor: Handle,
    steps: Vec<i64>,
}

/// Server: context, evaluator, relinearization and Galois keys.
pub struct SealServer {
    ctx: Arc<Ctx>,
    evaluator: Handle,
    relin: Handle,
    galois: Handle,
    steps: BTreeSet<i64>,
    counter: Counter,
}

/// The SEAL backend.
pub struct Seal;

impl Backend for Seal {
    type Ct = SealCt;
    type Client = SealClient;
    type Server = SealServer;

    fn keygen(params: &CkksParams, steps: &[i64]) -> Result<SealClient> {
        let ctx = Arc::new(Ctx::new(params)?);
        let c = ctx.ctx.ptr;
        let keygen = Handle::new(
            "KeyGenerator_Create1",
            ffi::KeyGenerator_Destroy,
            |o| unsafe { ffi::KeyGenerator_Create1(c, o) },
        )?;
        let public = Handle::new("CreatePublicKey", ffi::PublicKey_Destroy, |o| unsafe {
            ffi::KeyGenerator_CreatePublicKey(keygen.ptr, false, o)
        })?;
        let secret = Handle::new(
            "KeyGenerator_SecretKey",
            ffi::SecretKey_Destroy,
            |o| unsafe { ffi::KeyGenerator_SecretKey(keygen.ptr, o) },
        )?;
        let encryptor = Handle::new("Encryptor_Create", ffi::Encryptor_Destroy, |o| unsafe {
            ffi::Encryptor_Create(c, public.ptr, null_mut(), o)
        })?;
        let decryptor = Handle::new("Decryptor_Create", ffi::Decryptor_Destroy, |o| unsafe {
            ffi::Decryptor_Create(c, secret.ptr, o)
        })?;
        Ok(SealClient {
            ctx,
            keygen,
            public,
            encryptor,
            decryptor,
            steps: steps.to_vec(),
        })
    }

    fn server(params: &CkksParams, keys: &EvalKeys) -> Result<SealServer> {
        let ctx = Arc::new(Ctx::new(params)?);
        let c = ctx.ctx.ptr;
        let evaluator = Handle::new("Evaluator_Create", ffi::Evaluator_Destroy, |o| unsafe {
            ffi::Evaluator_Create(c, o)
        })?;
        Ok(SealServer {
            relin: load_kswitch(c, &keys.relin)?,
            galois: load_kswitch(c, &keys.galois)?,
            evaluator,
            steps: keys.steps.iter().copied().collect(),
            ctx,
            counter: Counter::default(),
        })
    }
}

/// Loads relinearization or Galois keys (both are `KSwitchKeys` in SEAL), validated.
fn load_kswitch(ctx: Ptr, bytes: &[u8]) -> Result<Handle> {
    let h = Handle::new(
        "KSwitchKeys_Create1",
        ffi::KSwitchKeys_Destroy,
        |o| unsafe { ffi::KSwitchKeys_Create1(o) },
    )?;
    let mut buf = bytes.to_vec();
    let mut read = 0i64;
    // SAFETY: `buf` holds `len` bytes; SEAL validates the data against the context.
    ok("KSwitchKeys_Load", unsafe {
        ffi::KSwitchKeys_Load(h.ptr, ctx, buf.as_mut_ptr(), buf.len() as u64, &mut read)
    })?;
    Ok(h)
}

impl SealClient {
    /// Galois keys for the plan's steps, serialized with their seeds: the random half of
    /// every key-switching key is sent as a PRNG seed and expanded by `KSwitchKeys_Load`,
    /// which halves the bytes sent and the peak memory of the hand-over (keys are only ever
    /// used after loading; the public key stays unseeded because the client encrypts with it).
    fn galois_keys(&self) -> Result<Vec<u8>> {
        let mut steps: Vec<c_int> = self.steps.iter().map(|&s| s as c_int).collect();
        let keys = Handle::new(
            "CreateGaloisKeysFromSteps",
            ffi::KSwitchKeys_Destroy,
            |o| unsafe {
                ffi::KeyGenerator_CreateGaloisKeysFromSteps(
                    self.keygen.ptr,
                    steps.len() as u64,
                    steps.as_mut_ptr(),
                    true,
                    o,
                )
            },
        )?;
        save(keys.ptr, ffi::KSwitchKeys_SaveSize, ffi::KSwitchKeys_Save)
    }
}

impl Client for SealClient {
    type Ct = SealCt;

    fn encrypt(&self, values: &[f64]) -> Result<SealCt> {
        self.encrypt_at(values, 0, self.ctx.scale)
    }

    fn encrypt_at(&self, values: &[f64], level: u32, scale: f64) -> Result<SealCt> {
        // SEAL encrypts at the plaintext's parms_id (any level of the chain).
        let pt = self.ctx.encode(values, level, scale)?;
        let ct = SealCt::empty()?;
        // SAFETY: valid encryptor, plaintext and destination.
        ok("Encryptor_Encrypt", unsafe {
            ffi::Encryptor_Encrypt(self.encryptor.ptr, pt.0.ptr, ct.ptr(), null_mut())
        })?;
        Ok(ct)
    }

    fn decrypt(&self, ct: &SealCt) -> Result<Vec<f64>> {
        let pt = Handle::new("Plaintext_Create1", ffi::Plaintext_Destroy, |o| unsafe {
            ffi::Plaintext_Create1(null_mut(), o)
        })?;
        let mut out = vec![0.0; self.ctx.slots];
        let mut count = out.len() as u64;
        // SAFETY: `out` has room for all slots.
        unsafe {
            ok(
                "Decryptor_Decrypt",
                ffi::Decryptor_Decrypt(self.decryptor.ptr, ct.ptr(), pt.ptr),
            )?;
            ok(
                "CKKSEncoder_Decode1",
                ffi::CKKSEncoder_Decode1(
                    self.ctx.encoder.ptr,
                    pt.ptr,
                    &mut count,
                    out.as_mut_ptr(),
                    null_mut(),
                ),
            )?;
        }
        out.truncate(count as usize);
        Ok(out)
    }

    fn eval_keys(&self) -> Result<EvalKeys> {
        let relin = Handle::new("CreateRelinKeys", ffi::KSwitchKeys_Destroy, |o| unsafe {
            // Seeded like the Galois keys (see `galois_keys`).
            ffi::KeyGenerator_CreateRelinKeys(self.keygen.ptr, true, o)
        })?;
        Ok(EvalKeys {
            backend: "seal-4.0".into(),
            public: save(
                self.public.ptr,
                ffi::PublicKey_SaveSize,
                ffi::PublicKey_Save,
            )?,
            relin: save(relin.ptr, ffi::KSwitchKeys_SaveSize, ffi::KSwitchKeys_Save)?,
            galois: self.galois_keys()?,
            steps: self.steps.clone(),
        })
    }

    fn secret_key_bytes(&self) -> Result<Vec<u8>> {
        let sk = Handle::new(
            "KeyGenerator_SecretKey",
            ffi::SecretKey_Destroy,
            |o| unsafe { ffi::KeyGenerator_SecretKey(self.keygen.ptr, o) },
        )?;
        save(sk.ptr, ffi::SecretKey_SaveSize, ffi::SecretKey_Save)
    }
}

impl SealServer {
    /// Runs a SEAL evaluator call writing into a fresh ciphertext.
    fn apply(&self, call: &'static str, f: impl FnOnce(Ptr, Ptr) -> Hresult) -> Result<SealCt> {
        let out = SealCt::empty()?;
        ok(call, f(self.evaluator.ptr, out.ptr()))?;
        Ok(out)
    }
}

impl Evaluator for SealServer {
    type Ct = SealCt;
    type Pt = SealPt;

    fn slots(&self) -> usize {
        self.ctx.slots
    }

    fn depth(&self) -> u32 {
        self.ctx.parms.len() as u32 - 1
    }

    fn prime(&self, level: u32) -> u64 {
        self.ctx.primes[(self.depth() - level) as usize]
    }

    fn default_scale(&self) -> f64 {
        self.ctx.scale
    }

    fn encode(&self, values: &[f64], level: u32, scale: f64) -> Result<SealPt> {
        self.ctx.encode(values, level, scale)
    }

    fn level(&self, ct: &SealCt) -> Result<u32> {
        self.ctx.level_of(ct)
    }

    fn scale(&self, ct: &SealCt) -> Result<f64> {
        let mut s = 0.0;
        // SAFETY: valid ciphertext.
        ok("Ciphertext_Scale", unsafe {
            ffi::Ciphertext_Scale(ct.ptr(), &mut s)
        })?;
        Ok(s)
    }

    fn set_scale(&self, ct: &mut SealCt, scale: f64) -> Result<()> {
        let now = self.scale(ct)?;
        if ((now - scale) / scale).abs() > 1e-12 {
            return Err(HeError::Scale { a: now, b: scale });
        }
        // SAFETY: exclusive access through `&mut`.
        ok("Ciphertext_SetScale", unsafe {
            ffi::Ciphertext_SetScale(ct.ptr(), scale)
        })
    }

    fn add(&self, a: &SealCt, b: &SealCt) -> Result<SealCt> {
        Counter::bump(&self.counter.add);
        self.apply("Evaluator_Add", |e, o| unsafe {
            ffi::Evaluator_Add(e, a.ptr(), b.ptr(), o)
        })
    }

    fn sub(&self, a: &SealCt, b: &SealCt) -> Result<SealCt> {
        Counter::bump(&self.counter.add);
        self.apply("Evaluator_Sub", |e, o| unsafe {
            ffi::Evaluator_Sub(e, a.ptr(), b.ptr(), o)
        })
    }

    fn negate(&self, a: &SealCt) -> Result<SealCt> {
        self.apply("Evaluator_Negate", |e, o| unsafe {
            ffi::Evaluator_Negate(e, a.ptr(), o)
        })
    }

    fn add_plain(&self, a: &SealCt, p: &SealPt) -> Result<SealCt> {
        Counter::bump(&self.counter.add_plain);
        self.apply("Evaluator_AddPlain", |e, o| unsafe {
            ffi::Evaluator_AddPlain(e, a.ptr(), p.0.ptr, o)
        })
    }

    fn mul_plain(&self, a: &SealCt, p: &SealPt) -> Result<SealCt> {
        Counter::bump(&self.counter.ct_pt_mul);
        self.apply("Evaluator_MultiplyPlain", |e, o| unsafe {
            ffi::Evaluator_MultiplyPlain(e, a.ptr(), p.0.ptr, o, null_mut())
        })
    }

    fn mul_relin(&self, a: &SealCt, b: &SealCt) -> Result<SealCt> {
        Counter::bump(&self.counter.ct_ct_mul);
        let prod = self.apply("Evaluator_Multiply", |e, o| unsafe {
            ffi::Evaluator_Multiply(e, a.ptr(), b.ptr(), o, null_mut())
        })?;
        self.apply("Evaluator_Relinearize", |e, o| unsafe {
            ffi::Evaluator_Relinearize(e, prod.ptr(), self.relin.ptr, o, null_mut())
        })
    }

    fn rescale(&self, a: &SealCt) -> Result<SealCt> {
        Counter::bump(&self.counter.rescale);
        self.apply("Evaluator_RescaleToNext", |e, o| unsafe {
            ffi::Evaluator_RescaleToNext(e, a.ptr(), o, null_mut())
        })
    }

    fn mod_switch_to(&self, a: &SealCt, level: u32) -> Result<SealCt> {
        let mut id = *self
            .ctx
            .parms
            .get(level as usize)
            .ok_or_else(|| HeError::Level(format!("mod switch to level {level}")))?;
        if self.level(a)? == level {
            return Ok(a.clone());
        }
        self.apply("Evaluator_ModSwitchTo1", |e, o| unsafe {
            ffi::Evaluator_ModSwitchTo1(e, a.ptr(), id.as_mut_ptr(), o, null_mut())
        })
    }

    fn rotate(&self, a: &SealCt, steps: i64) -> Result<SealCt> {
        let s = normalize_step(steps, self.ctx.slots);
        // SEAL would silently compose other keys (or fail deep inside): be explicit.
        if !self.steps.contains(&s) {
            return Err(HeError::MissingGaloisKey(s));
        }
        Counter::bump(&self.counter.rotations);
        self.apply("Evaluator_RotateVector", |e, o| unsafe {
            ffi::Evaluator_RotateVector(e, a.ptr(), s as c_int, self.galois.ptr, o, null_mut())
        })
    }

    fn serialize_ct(&self, ct: &SealCt) -> Result<Vec<u8>> {
        save(ct.ptr(), ffi::Ciphertext_SaveSize, ffi::Ciphertext_Save)
    }

    fn deserialize_ct(&self, bytes: &[u8]) -> Result<SealCt> {
        let ct = SealCt::empty()?;
        let mut buf = bytes.to_vec();
        let mut read = 0i64;
        // SAFETY: `buf` holds `len` bytes; Load validates against the context.
        ok("Ciphertext_Load", unsafe {
            ffi::Ciphertext_Load(
                ct.ptr(),
                self.ctx.ctx.ptr,
                buf.as_mut_ptr(),
                buf.len() as u64,
                &mut read,
            )
        })?;
        Ok(ct)
    }

    fn counts(&self) -> OpCounts {
        self.counter.snapshot()
    }
}
