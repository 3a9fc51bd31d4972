// SPDX-License-Identifier: GPL-2.0
/*
 * Miniport signatures.  A miniport is kernel code, so it is signed and
 * checked the way a module is: scripts/sign-file appends a detached PKCS#7
 * signature, a struct module_signature and MODULE_SIGNATURE_MARKER to the file,
 * and the signature is verified with verify_pkcs7_signature() against the
 * secondary trusted keyring (the built-in keys, plus the machine owner's
 * keys where the kernel links them in) and then the platform keyring (the
 * firmware's db and MOK keys).
 *
 * The rules follow the module loader's (kernel/module/signing.c):
 *  - signatures required (module.sig_enforce=1, or the kernel is locked
 *    down: security_locked_down(LOCKDOWN_MODULE_SIGNATURE) refuses):
 *    only a signature that verifies against a trusted key loads;
 *  - otherwise an unsigned image, or one signed with a key the kernel does
 *    not know, loads with a log line;
 *  - a signature that is malformed or does not match the image (a trusted
 *    key's signature over other bytes) is refused in every mode.
 *
 * sig_test_keyring=1 (testing) adds a keyring the test can put its own
 * certificate in; it is consulted only while signatures are not required,
 * so it can never stand in for a key the kernel trusts.
 */
#define pr_fmt(fmt) "vpwrap: " fmt

#include <linux/cred.h>
#include <linux/key.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/security.h>
#include <linux/string.h>
#include <linux/verification.h>
#include "vpwrap/compat_module.h"
#include "wrapper/signature.h"

/*
 * Without the kernel's PKCS#7 verification there is no way to honour
 * lockdown or miniport signatures: say so at build time, not with a page of
 * undeclared identifiers.  Debian's kernels all have it.
 */
#if !IS_ENABLED(CONFIG_SYSTEM_DATA_VERIFICATION)
#error "vpwrap checks miniport signatures with the kernel's PKCS#7 code: it needs CONFIG_SYSTEM_DATA_VERIFICATION=y"
#endif

static bool sig_test_keyring;
module_param(sig_test_keyring, bool, 0444);
MODULE_PARM_DESC(sig_test_keyring,
		 "Testing: also accept miniport signatures by keys added to the keyring .vpwrap_test, while signatures are not required");

static struct key *vpw_test_keys;

int vpw_sig_init(void)
{
	struct key *k;

	if (!sig_test_keyring)
		return 0;
	k = keyring_alloc(".vpwrap_test", GLOBAL_ROOT_UID, GLOBAL_ROOT_GID,
			  current_cred(),
			  (KEY_POS_ALL & ~KEY_POS_SETATTR) | KEY_USR_VIEW |
			  KEY_USR_READ | KEY_USR_WRITE | KEY_USR_SEARCH,
			  KEY_ALLOC_NOT_IN_QUOTA, NULL, NULL);
	if (IS_ERR(k)) {
		pr_err("cannot create the test keyring (%ld)\n", PTR_ERR(k));
		return PTR_ERR(k);
	}
	vpw_test_keys = k;
	pr_notice("test keyring .vpwrap_test is %d: its keys verify miniports while signatures are not required\n",
		  key_serial(k));
	return 0;
}

void vpw_sig_exit(void)
{
	key_put(vpw_test_keys);
	vpw_test_keys = NULL;
}

/*
 * Why signatures are required now, or NULL.  Asked each time: lockdown can
 * be raised while vpwrap is loaded.
 */
static const char *vpw_sig_required(void)
{
	if (is_module_sig_enforced())
		return "module.sig_enforce is set";
	if (security_locked_down(LOCKDOWN_MODULE_SIGNATURE))
		return "the kernel is locked down";
	return NULL;
}

/* The appended signature block: 0 and its PKCS#7 part, -ENODATA if none. */
static int vpw_sig_find(const u8 *data, size_t len, size_t *body,
			const u8 **sig, size_t *sig_len)
{
	const size_t marker = sizeof(MODULE_SIGNATURE_MARKER) - 1;
	struct module_signature ms;
	size_t n;

	if (len < marker ||
	    memcmp(data + len - marker, MODULE_SIGNATURE_MARKER, marker))
		return -ENODATA;
	len -= marker;
	if (len < sizeof(ms))
		return -EBADMSG;
	memcpy(&ms, data + len - sizeof(ms), sizeof(ms));
	len -= sizeof(ms);
	n = be32_to_cpu(ms.sig_len);
	/* sign-file writes PKCS#7 with every other field zero */
	if (ms.id_type != MODULE_SIGNATURE_TYPE_PKCS7 || ms.algo || ms.hash ||
	    ms.signer_len || ms.key_id_len || !n || n >= len)
		return -EBADMSG;
	*body = len - n;
	*sig = data + *body;
	*sig_len = n;
	return 0;
}

static int vpw_sig_verify(const u8 *data, size_t len, const u8 *sig,
			  size_t sig_len, bool required)
{
	int ret;

	ret = verify_pkcs7_signature(data, len, sig, sig_len,
				     VERIFY_USE_SECONDARY_KEYRING,
				     VERIFYING_MODULE_SIGNATURE, NULL, NULL);
	if (ret == -ENOKEY && IS_ENABLED(CONFIG_INTEGRITY_PLATFORM_KEYRING))
		ret = verify_pkcs7_signature(data, len, sig, sig_len,
					     VERIFY_USE_PLATFORM_KEYRING,
					     VERIFYING_MODULE_SIGNATURE, NULL, NULL);
	if (ret == -ENOKEY && vpw_test_keys && !required)
		ret = verify_pkcs7_signature(data, len, sig, sig_len,
					     vpw_test_keys,
					     VERIFYING_MODULE_SIGNATURE, NULL, NULL);
	return ret;
}

int vpw_sig_check(const char *name, const void *data, size_t *len)
{
	const char *required = vpw_sig_required();
	const u8 *sig;
	size_t body, sig_len;
	int ret;

	ret = vpw_sig_find(data, *len, &body, &sig, &sig_len);
	if (ret == -ENODATA) {
		if (!required)
			return 0;
		pr_err("%s: refused: the image is not signed and %s (sign it: docs/usage.md, \"Secure Boot\")\n",
		       name, required);
		return -EPERM;
	}
	if (!ret)
		ret = vpw_sig_verify(data, body, sig, sig_len, !!required);
	switch (ret) {
	case 0:
		pr_info("%s: signature verified\n", name);
		*len = body;
		return 0;
	case -ENOKEY:
	case -ENOPKG:
		if (required) {
			pr_err("%s: refused: %s and %s\n", name,
			       ret == -ENOKEY ? "signed with a key the kernel does not trust" :
			       "the signature's algorithm is not available", required);
			return ret;
		}
		pr_notice("%s: %s; loaded because signatures are not required\n",
			  name, ret == -ENOKEY ? "signed with a key the kernel does not trust" :
			  "the signature's algorithm is not available");
		*len = body;
		return 0;
	case -EBADMSG:
		pr_err("%s: refused: malformed signature\n", name);
		return ret;
	default:
		pr_err("%s: refused: bad signature: it does not match the image (%d)\n",
		       name, ret);
		return ret;
	}
}
