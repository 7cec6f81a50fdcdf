// Test-only keys (generated once with `openssl genpkey`, or public test vectors).
// Never used outside tests/native.
#pragma once

namespace kf::testkeys {

// P-256, PKCS#8 (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256)
inline constexpr const char* kEcP256Pkcs8 = R"PEM(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgsZtU86Q/7g/ttC7m
G2h2Kzo4v8ZYPka62HiHTv3cCd6hRANCAAQkAg4+RHrPwRXBxfDpwcAFrJ6cGkAw
iJY4eqt7rMkinnKxNjuPCTJCja3RKDLOR6TpdtZq5rbLdns70OQXdDco
-----END PRIVATE KEY-----
)PEM";

// The same P-256 key as SEC1 (openssl ec)
inline constexpr const char* kEcP256Sec1 = R"PEM(-----BEGIN EC PRIVATE KEY-----
MHcCAQEEILGbVPOkP+4P7bQu5htodis6OL/GWD5Guth4h0793AneoAoGCCqGSM49
AwEHoUQDQgAEJAIOPkR6z8EVwcXw6cHABayenBpAMIiWOHqre6zJIp5ysTY7jwky
Qo2t0Sgyzkek6XbWaua2y3Z7O9DkF3Q3KA==
-----END EC PRIVATE KEY-----
)PEM";

// Its public point, uncompressed.
inline constexpr const char* kEcP256PublicHex =
    "0424020e3e447acfc115c1c5f0e9c1c005ac9e9c1a40308896387aab7bacc9229e72b1363b8f0932428dadd12832ce"
    "47a4e976d66ae6b6cb767b3bd0e417743728";

// Another P-256 key as `openssl ecparam -genkey` writes it: EC PARAMETERS block first
inline constexpr const char* kEcP256WithParams = R"PEM(-----BEGIN EC PARAMETERS-----
BggqhkjOPQMBBw==
-----END EC PARAMETERS-----
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIPud3rCviJTvnvz63Ht/CXIKHx6tRNipiMViStqlj6S6oAoGCCqGSM49
AwEHoUQDQgAEK3qUYpzSS/KkqA/hLsso87zsvTP05AaG/2KAcJSIOPR7CYmYaPq6
add7P5J+S5RN1GEHcViccFmNgqNWM3zGKQ==
-----END EC PRIVATE KEY-----
)PEM";

// P-384 (wrong curve for ES256)
inline constexpr const char* kEcP384Pkcs8 = R"PEM(-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDDjODutoyVV/cen+P1+
vnCaHLDarb3ZN+78m0UzG0XTlv+xh+VvoPhhDSrXKqxl9yuhZANiAAQHPNj5H/b5
5U9LHdEQ7UHVL97it3TwTHCPyVRXYbf+pxCMDcf+ei9Lia+eXvWfqGx8rBfTNN62
2u0BdhrTYEZM4i+C7of2wrzKSLiRZr1hhdW+fJmFiNJEpSp1tU1/4JU=
-----END PRIVATE KEY-----
)PEM";

// Ed25519, PKCS#8 (openssl genpkey -algorithm ED25519)
inline constexpr const char* kEd25519Pkcs8 = R"PEM(-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIPrM+ODjnT4rI66u1Ofh0+XU37kKXDZwD3SgSa7OBoJK
-----END PRIVATE KEY-----
)PEM";

inline constexpr const char* kEd25519SeedHex =
    "faccf8e0e39d3e2b23aeaed4e7e1d3e5d4dfb90a5c36700f74a049aece06824a";
inline constexpr const char* kEd25519PublicHex =
    "702eadadaa6b2c33649cf42cd4121cbcecc387fdd82a79050f074e4c9d49329e";

// RSA-2048, PKCS#1: ccxt's public test key (reference §11, vector C-P2)
inline constexpr const char* kRsa2048Pkcs1 = R"PEM(-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEAqUtXQXv2uSm9zPvdJTRpu5/65rBjAoHmIiowAs+u7fY0QP9O
+T8CZRQjvZrfPomBiccjCxDo8mm7GkmL67rs9s7VOMQFvpTTtMBeglNSEbXJ3wTt
7WM5gD3ZAbhfGtwWdGpcOMX0hV5/d/fiw1zQk0+AooayTryZ7HV+DQcD1sGTYYir
LePUGkKV2NCvKtGOQfRAtuo0ccigMxMvEhWuExCc9Fhd077OpXMc0n7OiFqA2JWN
jlocM9S71Srvw/lDos8a7lGaFUV8gP1CsQY/4qTju6hhsRd4lFujVr5J9FqmDbnv
wQ79SSu6+lT0+ToFdDHiYOorBK2ESFR7EzlyLwIDAQABAoIBAEobQMbZjNbg/sSM
O/HdT6tiDGKPM8gVNLgf34RbhSeFbrpFCDzy6Al3F24YLUEi0CGPmjdt34q93blU
GHvIB5LCV3PR2vHiFAo7ayOBdZtrCEMn1T7lAHaynBu0qW0IiovLQzNW9AKtqv7I
8+qw5lyVoKmEbOkqhfaMN/Fb8MJAo3yEVyhyp4EjtFhqDQ9DuHEjp1jGthnMgm+4
qFyELf0DXZSAN+R9IGDqWPyo78lOcPW4pgeLuoLQ6Nn/2JAEGHFt1a7zMEw5yYbR
XB89Bh0dheSmopBN6Heay4YuhnNKua37OlL1/nhKpLGUNE3z/UOXeiUiMeE1C2i+
GjK+xgECgYEA4XH63rJ3VYDHHWUGlWffFWkEpgR4BDEkZ8MyVYQoUjQA2TpCvQ2+
bR7aAIGXhBnRTrIBNu9m4+am0aUfi1hVmVHqt1b2vFgEb9uKuO4U62tCFpeji+Rz
8C8QJyu5v5OUWdQZ4EA0d7ljeoTl50g8tpcGsDhnImLt+/jvJuFt8dECgYEAwD0n
rhlkEjKVHxu1xwKeczxYCqqcUV9Quq8HnPh4VJQ77ljfZ57V7sAKrFDi5XfVD9jS
oJPwxjw6za134VobhdvCM6WNs6AJmbR8E/b5kDMbGaZn27vt+/8JfnGaWBqpDi6W
a5xoJOqmcMBQBK1YleZDoY4PLbk+onVKLMfGI/8CgYEAkyUIv8euGdGWpHnm5SdJ
tLi5vv4Vs267uzntJWG/y3+DukTLgIdy7dgAI+pxkVgkg/+syUVSW5eU9CqZPyLl
o8+Sqh2Jp36vTq71iSRj5RA5r3ND3K+8eFzPZzGj6AWUA1lrljFxzV7kLfiF8gH1
FpvWUrhNoGT/vcFJno/uabECgYAecRC5hxfLserfVDoC261PvjyK492BHUDhbxob
h1U2v4qGAdjOxd5Gwm5uPxjPEZzRt5oTB5pXKe5953xWWTiGh/hGyW6ZBTy/9E65
sqBub0lZVHqZ1zamcwqD1WWFkiM3NbVoMQpk3iuhKzMAqpqekiofiSlqKi16+GvY
j4IW7QKBgQCrIUckPZ6IY3ERIN1IL4TIcK2gOJcznp7fLWpC+sv35ya3OhtDXKFt
GjIHmwLuiUNc0iPzA9Rw89W0zIkKWmWcxM88/ithdxh3MEeNDUGSnd4hQ9SECwxB
Wem3eBT7I4VtFYoaTE3/bX1SKfgBdTzIRqWKSDpgBNZg/P2Tc+s11g==
-----END RSA PRIVATE KEY-----
)PEM";

// The same key as PKCS#8 (openssl pkey)
inline constexpr const char* kRsa2048Pkcs8 = R"PEM(-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCpS1dBe/a5Kb3M
+90lNGm7n/rmsGMCgeYiKjACz67t9jRA/075PwJlFCO9mt8+iYGJxyMLEOjyabsa
SYvruuz2ztU4xAW+lNO0wF6CU1IRtcnfBO3tYzmAPdkBuF8a3BZ0alw4xfSFXn93
9+LDXNCTT4CihrJOvJnsdX4NBwPWwZNhiKst49QaQpXY0K8q0Y5B9EC26jRxyKAz
Ey8SFa4TEJz0WF3Tvs6lcxzSfs6IWoDYlY2OWhwz1LvVKu/D+UOizxruUZoVRXyA
/UKxBj/ipOO7qGGxF3iUW6NWvkn0WqYNue/BDv1JK7r6VPT5OgV0MeJg6isErYRI
VHsTOXIvAgMBAAECggEAShtAxtmM1uD+xIw78d1Pq2IMYo8zyBU0uB/fhFuFJ4Vu
ukUIPPLoCXcXbhgtQSLQIY+aN23fir3duVQYe8gHksJXc9Ha8eIUCjtrI4F1m2sI
QyfVPuUAdrKcG7SpbQiKi8tDM1b0Aq2q/sjz6rDmXJWgqYRs6SqF9ow38VvwwkCj
fIRXKHKngSO0WGoND0O4cSOnWMa2GcyCb7ioXIQt/QNdlIA35H0gYOpY/KjvyU5w
9bimB4u6gtDo2f/YkAQYcW3VrvMwTDnJhtFcHz0GHR2F5KaikE3od5rLhi6Gc0q5
rfs6UvX+eEqksZQ0TfP9Q5d6JSIx4TULaL4aMr7GAQKBgQDhcfresndVgMcdZQaV
Z98VaQSmBHgEMSRnwzJVhChSNADZOkK9Db5tHtoAgZeEGdFOsgE272bj5qbRpR+L
WFWZUeq3Vva8WARv24q47hTra0IWl6OL5HPwLxAnK7m/k5RZ1BngQDR3uWN6hOXn
SDy2lwawOGciYu37+O8m4W3x0QKBgQDAPSeuGWQSMpUfG7XHAp5zPFgKqpxRX1C6
rwec+HhUlDvuWN9nntXuwAqsUOLld9UP2NKgk/DGPDrNrXfhWhuF28IzpY2zoAmZ
tHwT9vmQMxsZpmfbu+37/wl+cZpYGqkOLpZrnGgk6qZwwFAErViV5kOhjg8tuT6i
dUosx8Yj/wKBgQCTJQi/x64Z0ZakeeblJ0m0uLm+/hWzbru7Oe0lYb/Lf4O6RMuA
h3Lt2AAj6nGRWCSD/6zJRVJbl5T0Kpk/IuWjz5KqHYmnfq9OrvWJJGPlEDmvc0Pc
r7x4XM9nMaPoBZQDWWuWMXHNXuQt+IXyAfUWm9ZSuE2gZP+9wUmej+5psQKBgB5x
ELmHF8ux6t9UOgLbrU++PIrj3YEdQOFvGhuHVTa/ioYB2M7F3kbCbm4/GM8RnNG3
mhMHmlcp7n3nfFZZOIaH+EbJbpkFPL/0TrmyoG5vSVlUepnXNqZzCoPVZYWSIzc1
tWgxCmTeK6ErMwCqmp6SKh+JKWoqLXr4a9iPghbtAoGBAKshRyQ9nohjcREg3Ugv
hMhwraA4lzOent8takL6y/fnJrc6G0NcoW0aMgebAu6JQ1zSI/MD1HDz1bTMiQpa
ZZzEzzz+K2F3GHcwR40NQZKd3iFD1IQLDEFZ6bd4FPsjhW0VihpMTf9tfVIp+AF1
PMhGpYpIOmAE1mD8/ZNz6zXW
-----END PRIVATE KEY-----
)PEM";

// RSA-1024 (too small for Binance)
inline constexpr const char* kRsa1024Pkcs8 = R"PEM(-----BEGIN PRIVATE KEY-----
MIICdQIBADANBgkqhkiG9w0BAQEFAASCAl8wggJbAgEAAoGBALh6Iq2wAKPTMXoE
RkOazN8IMZTblWk5ffWVitMFqQjcDt+LUTYzMw+e6Sf2dBaqKkfk+FLCgw/XhPE0
KABK1RUaYiIgqL6npq+L3pCfWJoSC4f3t2/int6oxBfqWaNEkn5iyBRgy737surU
HCvR6FsVSWiPvyYrVUq1b/vkQNs3AgMBAAECgYEAngutOCaodbJTGhkdZX/y80Ve
zQxO9iZWPpdOpzmbNsbpSyVdf1Tf8wsO77jafixtKskE4kpY5LKc59TqTE3QPN38
KUPGVhqu3d3a67cMq5MUL7Qy3Cmp/q3aDks8+ZhxNQDsWqv0nINcAR/wGJrIX5Rr
kkww4lZfSc0hzPwyv2ECQQDoRgRrWmsFldV0l5PqZdyn0BGsCx6KMaesF61Uf19a
rXP82/WMMJAE5Zk9leBoKDB6VqKVK0mJt14/GppWv8nnAkEAy1I8VsbImx4KOMt7
gWuEZBUouBzcoBrskXWBkE6cGvpp0DhPlC4BdZWmaZXmLhFCY2sAx1i+/Aqz1h2s
TPBaMQI/f+4QgRBL4cekyZKy5Wc1ITh4g0mciIDQ2Pgxf1ioLElcmOiNValpqUjM
Hh9uee+ow7jz0zUES9WzEw6T8zOvAkAEiFfKA3Jzas8FhxvAvdnctVAMErCkbRU7
BOiXg/kc7NoxByBXCFOGAIkOL4ZLHp1hRABncUYIrmBl9JFjwbPxAkAQn8bvXs4V
9OtBiV4aVXNNbQW81JQHGfT09C7d/CbrahMfziUypCY7fZ9iC2d5bcCAIfl2ohbA
6pu7vd0QrduT
-----END PRIVATE KEY-----
)PEM";

}  // namespace kf::testkeys
