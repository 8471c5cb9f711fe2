//! Hand-written declarations of the Microsoft SEAL 4.0 C API (`native/src/seal/c/*.h`,
//! MIT) for exactly the functions `he::seal` calls. Every function returns an HRESULT
//! (`long`): negative means failure. Handles are opaque `void *` owned by SEAL.

use std::ffi::{c_int, c_long, c_void};

pub type Hresult = c_long;
pub type Ptr = *mut c_void;

/// `seal::scheme_type::ckks`.
pub const SCHEME_CKKS: u8 = 2;
/// `seal::sec_level_type::tc128`.
pub const SEC_LEVEL_128: c_int = 128;
/// `seal::compr_mode_type::none` (built without zlib/zstd).
pub const COMPR_NONE: u8 = 0;

extern "C" {
    pub fn EncParams_Create1(scheme: u8, out: *mut Ptr) -> Hresult;
    pub fn EncParams_Destroy(p: Ptr) -> Hresult;
    pub fn EncParams_SetPolyModulusDegree(p: Ptr, degree: u64) -> Hresult;
    pub fn EncParams_SetCoeffModulus(p: Ptr, len: u64, coeffs: *mut Ptr) -> Hresult;
    pub fn EncParams_GetCoeffModulus(p: Ptr, len: *mut u64, coeffs: *mut Ptr) -> Hresult;
    pub fn EncParams_GetParmsId(p: Ptr, parms_id: *mut u64) -> Hresult;

    pub fn CoeffModulus_Create1(degree: u64, len: u64, bits: *mut c_int, out: *mut Ptr) -> Hresult;
    pub fn Modulus_Value(m: Ptr, value: *mut u64) -> Hresult;
    pub fn Modulus_Destroy(m: Ptr) -> Hresult;

    pub fn SEALContext_Create(params: Ptr, expand: bool, sec: c_int, out: *mut Ptr) -> Hresult;
    pub fn SEALContext_Destroy(c: Ptr) -> Hresult;
    pub fn SEALContext_ParametersSet(c: Ptr, set: *mut bool) -> Hresult;
    pub fn SEALContext_FirstContextData(c: Ptr, out: *mut Ptr) -> Hresult;
    pub fn SEALContext_GetContextData(c: Ptr, parms_id: *mut u64, out: *mut Ptr) -> Hresult;
    pub fn ContextData_NextContextData(c: Ptr, out: *mut Ptr) -> Hresult;
    pub fn ContextData_ChainIndex(c: Ptr, index: *mut u64) -> Hresult;
    pub fn ContextData_Parms(c: Ptr, out: *mut Ptr) -> Hresult;
    pub fn ContextData_Destroy(c: Ptr) -> Hresult;

    pub fn KeyGenerator_Create1(ctx: Ptr, out: *mut Ptr) -> Hresult;
    pub fn KeyGenerator_Destroy(k: Ptr) -> Hresult;
    pub fn KeyGenerator_CreatePublicKey(k: Ptr, save_seed: bool, out: *mut Ptr) -> Hresult;
    pub fn KeyGenerator_CreateRelinKeys(k: Ptr, save_seed: bool, out: *mut Ptr) -> Hresult;
    pub fn KeyGenerator_CreateGaloisKeysFromSteps(
        k: Ptr,
        count: u64,
        steps: *mut c_int,
        save_seed: bool,
        out: *mut Ptr,
    ) -> Hresult;
    pub fn KeyGenerator_SecretKey(k: Ptr, out: *mut Ptr) -> Hresult;

    pub fn SecretKey_Destroy(k: Ptr) -> Hresult;
    pub fn SecretKey_SaveSize(k: Ptr, compr: u8, out: *mut i64) -> Hresult;
    pub fn SecretKey_Save(k: Ptr, buf: *mut u8, size: u64, compr: u8, out: *mut i64) -> Hresult;
    pub fn PublicKey_Destroy(k: Ptr) -> Hresult;
    pub fn PublicKey_SaveSize(k: Ptr, compr: u8, out: *mut i64) -> Hresult;
    pub fn PublicKey_Save(k: Ptr, buf: *mut u8, size: u64, compr: u8, out: *mut i64) -> Hresult;
    pub fn KSwitchKeys_Create1(out: *mut Ptr) -> Hresult;
    pub fn KSwitchKeys_Destroy(k: Ptr) -> Hresult;
    pub fn KSwitchKeys_SaveSize(k: Ptr, compr: u8, out: *mut i64) -> Hresult;
    pub fn KSwitchKeys_Save(k: Ptr, buf: *mut u8, size: u64, compr: u8, out: *mut i64) -> Hresult;
    pub fn KSwitchKeys_Load(k: Ptr, ctx: Ptr, buf: *mut u8, size: u64, out: *mut i64) -> Hresult;

    pub fn Encryptor_Create(ctx: Ptr, public: Ptr, secret: Ptr, out: *mut Ptr) -> Hresult;
    pub fn Encryptor_Encrypt(e: Ptr, plain: Ptr, dest: Ptr, pool: Ptr) -> Hresult;
    pub fn Encryptor_Destroy(e: Ptr) -> Hresult;
    pub fn Decryptor_Create(ctx: Ptr, secret: Ptr, out: *mut Ptr) -> Hresult;
    pub fn Decryptor_Decrypt(d: Ptr, ct: Ptr, dest: Ptr) -> Hresult;
    pub fn Decryptor_Destroy(d: Ptr) -> Hresult;

    pub fn CKKSEncoder_Create(ctx: Ptr, out: *mut Ptr) -> Hresult;
    pub fn CKKSEncoder_Destroy(e: Ptr) -> Hresult;
    pub fn CKKSEncoder_Encode1(
        e: Ptr,
        count: u64,
        values: *mut f64,
        parms_id: *mut u64,
        scale: f64,
        dest: Ptr,
        pool: Ptr,
    ) -> Hresult;
    pub fn CKKSEncoder_Decode1(
        e: Ptr,
        plain: Ptr,
        count: *mut u64,
        out: *mut f64,
        pool: Ptr,
    ) -> Hresult;

    pub fn Plaintext_Create1(pool: Ptr, out: *mut Ptr) -> Hresult;
    pub fn Plaintext_Destroy(p: Ptr) -> Hresult;

    pub fn Ciphertext_Create1(pool: Ptr, out: *mut Ptr) -> Hresult;
    pub fn Ciphertext_Create2(copy: Ptr, out: *mut Ptr) -> Hresult;
    pub fn Ciphertext_Destroy(c: Ptr) -> Hresult;
    pub fn Ciphertext_ParmsId(c: Ptr, parms_id: *mut u64) -> Hresult;
    pub fn Ciphertext_Scale(c: Ptr, scale: *mut f64) -> Hresult;
    pub fn Ciphertext_SetScale(c: Ptr, scale: f64) -> Hresult;
    pub fn Ciphertext_SaveSize(c: Ptr, compr: u8, out: *mut i64) -> Hresult;
    pub fn Ciphertext_Save(c: Ptr, buf: *mut u8, size: u64, compr: u8, out: *mut i64) -> Hresult;
    pub fn Ciphertext_Load(c: Ptr, ctx: Ptr, buf: *mut u8, size: u64, out: *mut i64) -> Hresult;

    pub fn Evaluator_Create(ctx: Ptr, out: *mut Ptr) -> Hresult;
    pub fn Evaluator_Destroy(e: Ptr) -> Hresult;
    pub fn Evaluator_Add(e: Ptr, a: Ptr, b: Ptr, dest: Ptr) -> Hresult;
    pub fn Evaluator_Sub(e: Ptr, a: Ptr, b: Ptr, dest: Ptr) -> Hresult;
    pub fn Evaluator_Negate(e: Ptr, a: Ptr, dest: Ptr) -> Hresult;
    pub fn Evaluator_AddPlain(e: Ptr, a: Ptr, p: Ptr, dest: Ptr) -> Hresult;
    pub fn Evaluator_MultiplyPlain(e: Ptr, a: Ptr, p: Ptr, dest: Ptr, pool: Ptr) -> Hresult;
    pub fn Evaluator_Multiply(e: Ptr, a: Ptr, b: Ptr, dest: Ptr, pool: Ptr) -> Hresult;
    pub fn Evaluator_Relinearize(e: Ptr, a: Ptr, keys: Ptr, dest: Ptr, pool: Ptr) -> Hresult;
    pub fn Evaluator_RescaleToNext(e: Ptr, a: Ptr, dest: Ptr, pool: Ptr) -> Hresult;
    pub fn Evaluator_ModSwitchTo1(
        e: Ptr,
        a: Ptr,
        parms_id: *mut u64,
        dest: Ptr,
        pool: Ptr,
    ) -> Hresult;
    pub fn Evaluator_RotateVector(
        e: Ptr,
        a: Ptr,
        steps: c_int,
        keys: Ptr,
        dest: Ptr,
        pool: Ptr,
    ) -> Hresult;
}
