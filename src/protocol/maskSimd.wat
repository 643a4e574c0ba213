;; RFC 6455 §5.3 masking, 16 bytes at a time with WebAssembly SIMD.
;;
;; The readable version is the byte loop in mask.ts: octet i XOR key[i mod 4]. This module does the
;; same thing to a whole 16-byte vector at once, with the 4-byte key repeated four times across it.
;; WebAssembly only sees its own memory, so mask.ts copies the bytes into `memory` at offset 0, calls
;; `xorInPlace`, and copies the result out. Memory is little-endian by the spec, so the key word is
;; key[0] | key[1] << 8 | key[2] << 16 | key[3] << 24 on every platform.
;;
;; Assembled by `npm run build:wasm` (wabt's wat2wasm) into maskSimdBytes.ts; a test checks that the
;; shipped bytes are exactly what this text assembles to.
(module
  ;; 4 pages = 256 KiB of scratch; mask.ts feeds longer payloads through it in pieces.
  (memory (export "memory") 4 4)

  ;; XORs bytes [0, length) of memory with the key word, repeated. Offset 0 lines up with key[0].
  (func (export "xorInPlace") (param $length i32) (param $key i32)
    (local $at i32)
    (local $vectorEnd i32)
    (local $keyVector v128)
    (local.set $keyVector (i32x4.splat (local.get $key)))
    ;; 64 bytes per turn (four vectors), while at least 64 remain.
    (local.set $vectorEnd (i32.and (local.get $length) (i32.const -64)))
    (block $done64
      (loop $next64
        (br_if $done64 (i32.ge_u (local.get $at) (local.get $vectorEnd)))
        (v128.store offset=0 (local.get $at)
          (v128.xor (v128.load offset=0 (local.get $at)) (local.get $keyVector)))
        (v128.store offset=16 (local.get $at)
          (v128.xor (v128.load offset=16 (local.get $at)) (local.get $keyVector)))
        (v128.store offset=32 (local.get $at)
          (v128.xor (v128.load offset=32 (local.get $at)) (local.get $keyVector)))
        (v128.store offset=48 (local.get $at)
          (v128.xor (v128.load offset=48 (local.get $at)) (local.get $keyVector)))
        (local.set $at (i32.add (local.get $at) (i32.const 64)))
        (br $next64)))
    ;; Then 16 bytes at a time.
    (local.set $vectorEnd (i32.and (local.get $length) (i32.const -16)))
    (block $done16
      (loop $next16
        (br_if $done16 (i32.ge_u (local.get $at) (local.get $vectorEnd)))
        (v128.store (local.get $at) (v128.xor (v128.load (local.get $at)) (local.get $keyVector)))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $next16)))
    ;; Then 4 bytes at a time.
    (local.set $vectorEnd (i32.and (local.get $length) (i32.const -4)))
    (block $done4
      (loop $next4
        (br_if $done4 (i32.ge_u (local.get $at) (local.get $vectorEnd)))
        (i32.store (local.get $at) (i32.xor (i32.load (local.get $at)) (local.get $key)))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $next4)))
    ;; The last 0–3 bytes: byte j of the key word sits j * 8 bits up.
    (block $done1
      (loop $next1
        (br_if $done1 (i32.ge_u (local.get $at) (local.get $length)))
        (i32.store8 (local.get $at)
          (i32.xor
            (i32.load8_u (local.get $at))
            (i32.shr_u (local.get $key) (i32.shl (i32.and (local.get $at) (i32.const 3)) (i32.const 3)))))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $next1)))))
