import { describe, expect, it } from 'vitest'
import {
  checkIdNumber,
  idCheckDigit,
  makeIdNumber,
  maskIdNumber,
  maskPhone,
  normaliseIdNumber,
  type IdCheck,
} from '../../../src/core/shared/id-number'

const TODAY = '2025-06-15'

function failure(result: IdCheck) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`)
  return result
}

describe('normaliseIdNumber', () => {
  it('removes every kind of space and converts full-width characters', () => {
    expect(normaliseIdNumber(' 4201 0220\u30001503\u00A0021234\t')).toBe('420102201503021234')
    expect(normaliseIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X')
    expect(normaliseIdNumber('11010519491231002x')).toBe('11010519491231002X')
  })

  it('leaves scientific notation alone so that validation can explain it', () => {
    expect(normaliseIdNumber('4.20102201503021E+17')).toBe('4.20102201503021E+17')
    expect(normaliseIdNumber('4.20102201503021e+17')).toBe('4.20102201503021E+17')
  })
})

describe('idCheckDigit', () => {
  // Worked by hand with weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2:
  // 11010519491231002 → sum 167, 167 mod 11 = 2 → X (the GB 11643-1999 example)
  // 44052418800101001 → sum 195, 195 mod 11 = 8 → 4 (the other example of the standard)
  it('matches the examples of the standard', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X')
    expect(idCheckDigit('44052418800101001')).toBe('4')
  })

  it('covers every residue of MOD 11-2', () => {
    const seen = new Set<string>()
    for (let seq = 0; seq < 200; seq++) {
      seen.add(idCheckDigit(`42010220150302${String(seq).padStart(3, '0')}`))
    }
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'])
  })
})

describe('checkIdNumber', () => {
  it('accepts the standard example and reads birth date, sex and region', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      regionCode: '110105',
    })
  })

  it('accepts a lower-case x and full-width digits, returning the normalised number', () => {
    const result = checkIdNumber('１１０１０５１９４９１２３１００２x', TODAY)
    expect(result.ok && result.idNumber).toBe('11010519491231002X')
  })

  it('reads the sex from the parity of the 17th digit', () => {
    const boy = checkIdNumber(makeIdNumber('420102', '2015-03-02', 123), TODAY)
    const girl = checkIdNumber(makeIdNumber('420102', '2015-03-02', '124'), TODAY)
    expect(boy.ok && boy.sex).toBe('M')
    expect(girl.ok && girl.sex).toBe('F')
    expect(boy.ok && boy.birthDate).toBe('2015-03-02')
    expect(boy.ok && boy.regionCode).toBe('420102')
  })

  it('accepts every number makeIdNumber builds, including check digit X and 0', () => {
    for (let seq = 0; seq < 120; seq++) {
      const id = makeIdNumber('500101', '2012-12-31', seq)
      expect(checkIdNumber(id, TODAY).ok, id).toBe(true)
    }
  })

  it('accepts a birth date of today', () => {
    expect(checkIdNumber(makeIdNumber('420102', TODAY, 1), TODAY).ok).toBe(true)
  })

  it('rejects an empty value', () => {
    for (const raw of ['', '   ', '\u3000']) {
      const f = failure(checkIdNumber(raw, TODAY))
      expect(f.code).toBe('empty')
      expect(f.reason).toContain('身份证号为空')
    }
  })

  it('explains Excel scientific notation and how to fix it', () => {
    for (const raw of ['4.20102201503021E+17', '4.20102201503021e+17', '4.20102E17']) {
      const f = failure(checkIdNumber(raw, TODAY))
      expect(f.code).toBe('scientific')
      expect(f.reason).toContain('科学计数法')
      expect(f.reason).toContain('文本')
      expect(f.reason).toContain('重新录入')
    }
  })

  it('rejects a wrong length and says how many characters it found', () => {
    const f = failure(checkIdNumber('4201022015030212345', TODAY))
    expect(f.code).toBe('length')
    expect(f.reason).toContain('现为19位')
    expect(failure(checkIdNumber('42010220150302', TODAY)).reason).toContain('现为14位')
  })

  it('asks for the 18-digit number instead of an old 15-digit one', () => {
    const f = failure(checkIdNumber('110105491231002', TODAY))
    expect(f.code).toBe('length')
    expect(f.reason).toContain('15位')
    expect(f.reason).toContain('18位')
  })

  it('rejects letters in the first 17 digits and bad 18th characters, naming the position', () => {
    const letter = failure(checkIdNumber('4201022015O3021234', TODAY))
    expect(letter.code).toBe('chars')
    expect(letter.reason).toContain('第11位「O」')
    const last = failure(checkIdNumber('42010220150302123Y', TODAY))
    expect(last.code).toBe('chars')
    expect(last.reason).toContain('第18位')
    expect(failure(checkIdNumber('X20102201503021234', TODAY)).code).toBe('chars')
  })

  it('rejects a province code that does not exist', () => {
    for (const province of ['00', '10', '16', '20', '24', '30', '38', '47', '55', '60', '66', '70', '80', '83', '91']) {
      const f = failure(checkIdNumber(makeIdNumber(`${province}0102`, '2015-03-02', 1), TODAY))
      expect(f.code, province).toBe('region')
      expect(f.reason).toContain(`「${province}」`)
    }
  })

  it('accepts every province code of GB/T 2260', () => {
    const provinces = '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'
    for (const province of provinces.split(' ')) {
      expect(checkIdNumber(makeIdNumber(`${province}0101`, '2015-03-02', 1), TODAY).ok, province).toBe(true)
    }
  })

  it('checks the birth date against the calendar, leap years included', () => {
    expect(checkIdNumber(makeIdNumber('420102', '2000-02-29', 1), TODAY).ok).toBe(true)
    expect(checkIdNumber(makeIdNumber('420102', '2016-02-29', 1), TODAY).ok).toBe(true)
    // makeIdNumber refuses impossible dates, so these are assembled by hand.
    for (const digits of ['20230229', '19000229', '20150230', '20151301', '20150001', '20150431', '20150100']) {
      const first17 = `420102${digits}001`
      const f = failure(checkIdNumber(first17 + idCheckDigit(first17), TODAY))
      expect(f.code, digits).toBe('birth_date')
      expect(f.reason).toContain(digits)
    }
  })

  it('rejects a birth date before 1900, even with a correct check digit', () => {
    const f = failure(checkIdNumber('440524188001010014', TODAY))
    expect(f.code).toBe('birth_date')
    expect(f.reason).toContain('1900')
  })

  it('rejects a birth date after today', () => {
    const f = failure(checkIdNumber(makeIdNumber('420102', '2025-06-16', 1), TODAY))
    expect(f.code).toBe('future')
    expect(f.reason).toContain('晚于今天')
  })

  it('says what the check digit should be when it is wrong', () => {
    const f = failure(checkIdNumber('110105194912310021', TODAY))
    expect(f.code).toBe('check_digit')
    expect(f.reason).toContain('第18位校验码应为X')
    expect(f.reason).toContain('输错')
  })

  it('catches a single mistyped digit and two swapped digits', () => {
    const good = makeIdNumber('420102', '2015-03-02', 123)
    const typo = good.slice(0, 15) + String((Number(good[15]) + 1) % 10) + good.slice(16)
    const swapped = good.slice(0, 14) + good[15] + good[14] + good.slice(16)
    expect(failure(checkIdNumber(typo, TODAY)).code).toBe('check_digit')
    expect(good[14]).not.toBe(good[15])
    expect(failure(checkIdNumber(swapped, TODAY)).code).toBe('check_digit')
  })

  it('checks in the documented order', () => {
    // Bad region and bad date and bad check digit: the region is reported first.
    expect(failure(checkIdNumber('990102202302290010', TODAY)).code).toBe('region')
    // Bad date and bad check digit: the date comes before the check digit.
    expect(failure(checkIdNumber('420102202302290010', TODAY)).code).toBe('birth_date')
  })

  it('treats an invalid today as a programming error', () => {
    expect(() => checkIdNumber('11010519491231002X', '2025/06/15')).toThrow(RangeError)
  })
})

describe('makeIdNumber', () => {
  it('appends the check digit and pads the sequence', () => {
    expect(makeIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X')
    expect(makeIdNumber('440524', '18800101', '001')).toBe('440524188001010014')
  })

  it('refuses impossible input', () => {
    expect(() => makeIdNumber('4201', '2015-03-02', 1)).toThrow(RangeError)
    expect(() => makeIdNumber('420102', '2015-02-30', 1)).toThrow(RangeError)
    expect(() => makeIdNumber('420102', '2015-03-02', 1000)).toThrow(RangeError)
  })
})

describe('masks', () => {
  it('keeps the first and last four characters of an ID number', () => {
    expect(maskIdNumber('420102201503021234')).toBe('4201**********1234')
    expect(maskIdNumber('6222021234567890123')).toBe('6222***********0123')
  })

  it('masks all but the last two characters of a short value', () => {
    expect(maskIdNumber('12345678')).toBe('******78')
    expect(maskIdNumber('123')).toBe('*23')
    expect(maskIdNumber('12')).toBe('**')
    expect(maskIdNumber('')).toBe('')
  })

  it('masks the middle four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('138 1234 5678')).toBe('138****5678')
  })

  it('keeps only the last four digits of other numbers', () => {
    expect(maskPhone('07101234567')).toBe('*******4567')
    expect(maskPhone('0710-1234567')).toBe('*******4567')
    expect(maskPhone('1234')).toBe('****')
    expect(maskPhone('')).toBe('')
  })
})
