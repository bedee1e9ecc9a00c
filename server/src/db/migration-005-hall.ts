import type { Migration } from './migrations'

/**
 * Tables of the public hall's interactions: consultations and complaints (GB/T 39046 Table 10),
 * service ratings and their follow-ups (好差评, Table 9), and uploaded files. Instants are epoch ms.
 */
export const hall: Migration = {
  name: '20261122-005-hall',
  async up(k) {
    // 咨询 and 投诉 share one lifecycle (submitted → answered → closed, one extension, a time limit).
    await k.schema.createTable('hall_requests', (t) => {
      t.string('id', 64).primary()
      t.string('kind', 16).notNullable() // consultation | complaint
      t.string('request_no', 24).notNullable().unique() // ZX20260302000001 / TS20260302000001
      t.string('query_code_hash', 64).notNullable()
      t.string('name', 100).notNullable() // 咨询人 / 投诉人
      t.string('phone', 32).notNullable()
      t.string('title', 200).notNullable()
      t.text('content').notNullable()
      t.boolean('is_public').notNullable().defaultTo(false) // 公开: the asker agrees to publication
      t.string('category', 32) // complaint category code (dictionary in settings)
      t.string('item_key', 80) // the item asked about / complained about
      t.string('target_department_id', 64) // 被投诉单位 (complaints) / department asked (consultations)
      t.string('target_person', 100) // 被投诉人
      t.string('target_case_no', 50)
      t.string('channel', 16).notNullable() // 投诉来源 / 咨询渠道
      t.string('department_id', 64).notNullable() // 承办单位: who must answer
      t.string('routed_by', 100).notNullable() // which routing rule chose department_id
      t.string('status', 16).notNullable() // submitted | answered | closed
      t.integer('limit_days').notNullable() // 承诺时限, working days
      t.bigInteger('submitted_at').notNullable()
      t.bigInteger('due_at').notNullable()
      t.integer('extension_days') // 延期时限
      t.text('extension_reason') // 延期原因
      t.string('extended_by', 64)
      t.bigInteger('extended_at')
      t.text('reply') // 处理意见 / 反馈信息
      t.string('replied_by', 64) // 处理人 / 承办人
      t.string('replied_by_name', 100)
      t.bigInteger('replied_at') // 处理时间 / 反馈时间
      t.integer('overdue_days') // 超期天数, fixed when answered late
      t.string('closed_by', 64)
      t.bigInteger('closed_at')
      t.string('region_code', 12) // 行政区划
      t.index(['kind', 'department_id', 'status'])
      t.index(['kind', 'status', 'due_at'])
    })
    await k.schema.createTable('ratings', (t) => {
      t.string('id', 64).primary()
      t.string('case_id', 64).notNullable().unique() // 一事一评: one rating per case
      t.string('case_no', 50).notNullable()
      t.string('item_key', 80).notNullable()
      t.integer('item_version').notNullable()
      t.string('department_id', 64).notNullable()
      t.integer('stars').notNullable() // 1–5, 5 best (API)
      t.integer('satisfaction').notNullable() // GB/T 39046 code: 1 非常满意 … 5 非常不满意 (= 6 − stars)
      t.boolean('bad').notNullable() // 差评: stars 1–2
      t.text('comment')
      t.string('channel', 16).notNullable() // 评价渠道
      t.string('rater_name', 200)
      t.bigInteger('rated_at').notNullable()
      t.index(['department_id', 'rated_at'])
    })
    await k.schema.createTable('rating_followups', (t) => {
      t.string('id', 64).primary()
      t.string('rating_id', 64).notNullable().unique().references('id').inTable('ratings')
      t.string('case_id', 64).notNullable()
      t.string('department_id', 64).notNullable()
      t.string('status', 16).notNullable() // open | closed
      t.bigInteger('opened_at').notNullable()
      t.bigInteger('due_at').notNullable() // 整改 deadline
      t.text('revisit') // 回访核实 result
      t.boolean('substantiated') // whether the complaint in the rating was confirmed
      t.text('rectification') // 整改 measures
      t.text('feedback') // 反馈 to the applicant
      t.string('answered_by', 64)
      t.bigInteger('answered_at')
      t.integer('overdue_days')
      t.index(['department_id', 'status', 'due_at'])
    })
    await k.schema.createTable('files', (t) => {
      t.string('id', 64).primary()
      t.string('sha256', 64).notNullable() // also the stored file name: no user input in paths
      t.bigInteger('size').notNullable()
      t.string('mime', 64).notNullable() // detected from the content, never the declared type
      t.string('original_name', 255).notNullable() // validated metadata, served only in Content-Disposition
      t.bigInteger('uploaded_at').notNullable()
      t.string('uploader', 64).notNullable() // user id, or 'public'
      t.string('uploader_ip', 64)
      t.string('token_hash', 64).notNullable() // the uploader's download token, hashed
      t.string('case_id', 64)
      t.string('material_id', 64)
      t.index(['sha256'])
      t.index(['case_id'])
    })
  },
  async down(k) {
    for (const table of ['files', 'rating_followups', 'ratings', 'hall_requests']) await k.schema.dropTableIfExists(table)
  },
}
