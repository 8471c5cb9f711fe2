// Per-operation CKKS latency measured directly in C++ against the same SEAL 4.0 build that
// lingcn links, as the reference for `lingcn bench he` (our Rust FFI backend vs plain SEAL).
// `lingcn bench he` compiles this file with g++ at run time and parses its JSON line.
//
// Usage: seal_ops RING_DIM REPS BITS...   (BITS: the chain in SEAL order, first .. special)
//
// Every operation mirrors what `he::bench::bench_one` times through the Rust backend: the same
// chain, scale 2^(second prime's bits), input values, level 0 ciphertexts, a fresh destination
// object per call (as the FFI does), encrypt = encode + encrypt, decrypt = decrypt + decode,
// multiply + relinearize as one op, rotation by one slot with a Galois key for step 1 only.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "seal/seal.h"

using namespace seal;

template <typename F>
static double median_ms(int reps, F &&f)
{
    std::vector<double> ms;
    ms.reserve(reps);
    for (int i = 0; i < reps; i++)
    {
        auto t = std::chrono::steady_clock::now();
        f();
        auto d = std::chrono::steady_clock::now() - t;
        ms.push_back(std::chrono::duration<double, std::milli>(d).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

int main(int argc, char **argv)
{
    if (argc < 5)
    {
        std::fprintf(stderr, "usage: %s RING_DIM REPS BITS...\n", argv[0]);
        return 2;
    }
    size_t n = std::strtoull(argv[1], nullptr, 10);
    int reps = std::atoi(argv[2]);
    std::vector<int> bits;
    for (int i = 3; i < argc; i++)
    {
        bits.push_back(std::atoi(argv[i]));
    }

    auto t0 = std::chrono::steady_clock::now();
    EncryptionParameters parms(scheme_type::ckks);
    parms.set_poly_modulus_degree(n);
    parms.set_coeff_modulus(CoeffModulus::Create(n, bits));
    SEALContext context(parms, true, sec_level_type::tc128);
    if (!context.parameters_set())
    {
        std::fprintf(stderr, "SEAL rejected the parameters: %s\n", context.parameter_error_message());
        return 1;
    }
    KeyGenerator keygen(context);
    PublicKey pk;
    keygen.create_public_key(pk);
    RelinKeys rk;
    keygen.create_relin_keys(rk);
    GaloisKeys gk;
    keygen.create_galois_keys(std::vector<int>{ 1 }, gk);
    Encryptor encryptor(context, pk);
    Decryptor decryptor(context, keygen.secret_key());
    Evaluator evaluator(context);
    CKKSEncoder encoder(context);
    double keygen_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

    size_t slots = encoder.slot_count();
    std::vector<double> x(slots);
    for (size_t i = 0; i < slots; i++)
    {
        x[i] = (static_cast<double>(i % 17) - 8.0) / 10.0;
    }
    double scale = std::pow(2.0, bits[1]);
    auto level0 = context.first_parms_id();

    auto encrypt = [&]() {
        Plaintext p;
        encoder.encode(x, level0, scale, p);
        Ciphertext c;
        encryptor.encrypt(p, c);
        return c;
    };
    Ciphertext a = encrypt();
    Ciphertext b = encrypt();
    Plaintext pt;
    encoder.encode(x, level0, scale, pt);
    Ciphertext prod;
    evaluator.multiply_plain(a, pt, prod);

    double encode = median_ms(reps, [&] {
        Plaintext p;
        encoder.encode(x, level0, scale, p);
    });
    double encrypt_ms = median_ms(reps, [&] { encrypt(); });
    double ct_pt_mul = median_ms(reps, [&] {
        Ciphertext o;
        evaluator.multiply_plain(a, pt, o);
    });
    double add = median_ms(reps, [&] {
        Ciphertext o;
        evaluator.add(a, b, o);
    });
    double add_plain = median_ms(reps, [&] {
        Ciphertext o;
        evaluator.add_plain(a, pt, o);
    });
    double mul_relin = median_ms(reps, [&] {
        Ciphertext m, o;
        evaluator.multiply(a, b, m);
        evaluator.relinearize(m, rk, o);
    });
    double rescale = median_ms(reps, [&] {
        Ciphertext o;
        evaluator.rescale_to_next(prod, o);
    });
    double rotate = median_ms(reps, [&] {
        Ciphertext o;
        evaluator.rotate_vector(a, 1, gk, o);
    });
    std::vector<double> out;
    double decrypt = median_ms(reps, [&] {
        Plaintext p;
        decryptor.decrypt(a, p);
        encoder.decode(p, out);
    });
    std::printf(
        "{\"ring_dim\": %zu, \"encode\": %.6f, \"encrypt\": %.6f, \"ct_pt_mul\": %.6f, \"add\": %.6f, "
        "\"add_plain\": %.6f, \"mul_relin\": %.6f, \"rescale\": %.6f, \"rotate\": %.6f, \"decrypt\": %.6f, "
        "\"keygen_ms\": %.3f}\n",
        n, encode, encrypt_ms, ct_pt_mul, add, add_plain, mul_relin, rescale, rotate, decrypt, keygen_ms);
    return 0;
}
