// SPDX-License-Identifier: GPL-2.0
/*
 * The EXCEPTION_RECORD a CPU exception or a raise becomes, for whichever
 * dispatcher offers it to the image's handlers (nt_exception.h).
 */
#include <linux/string.h>
#include <asm/trap_pf.h>
#include <asm/trapnr.h>
#include "videoport/nt_exception.h"

/* ExceptionInformation[0] of an access violation: what was done */
#define NT_AV_READ	0
#define NT_AV_WRITE	1
#define NT_AV_EXECUTE	8

void nt_exception_raised(struct nt_exception_record *rec, u32 code, u32 flags,
			 unsigned long ip)
{
	memset(rec, 0, sizeof(*rec));
	rec->code = code;
	rec->flags = flags;
	rec->address = ip;
}

bool nt_exception_from_trap(struct nt_exception_record *rec, unsigned int trapnr,
			    unsigned long ip, unsigned long error_code, unsigned long cr2)
{
	switch (trapnr) {
	case X86_TRAP_PF:
		nt_exception_raised(rec, STATUS_ACCESS_VIOLATION, 0, ip);
		rec->nparams = 2;
		rec->info[0] = error_code & X86_PF_INSTR ? NT_AV_EXECUTE :
			       error_code & X86_PF_WRITE ? NT_AV_WRITE : NT_AV_READ;
		rec->info[1] = cr2;
		return true;
	case X86_TRAP_GP:
		/* no address is known: a non-canonical one, or a segment check */
		nt_exception_raised(rec, STATUS_ACCESS_VIOLATION, 0, ip);
		rec->nparams = 2;
		rec->info[0] = NT_AV_READ;
		rec->info[1] = ~0ul;
		return true;
	case X86_TRAP_UD:
		nt_exception_raised(rec, STATUS_ILLEGAL_INSTRUCTION, 0, ip);
		return true;
	case X86_TRAP_DE:
		nt_exception_raised(rec, STATUS_INTEGER_DIVIDE_BY_ZERO, 0, ip);
		return true;
	case X86_TRAP_BP:
		nt_exception_raised(rec, STATUS_BREAKPOINT, 0, ip);
		return true;
	default:
		return false;
	}
}
