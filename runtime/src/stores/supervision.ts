import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { fetchCase } from '../api/cases'
import { fetchCard, fetchCards, fetchDashboard, fetchDrillCases, runCardCommand, type CardCommand, type CaseFilterQuery } from '../api/supervision'
import type { ChartFlow } from '../lib/flow-chart'
import type { Card, CardDetail, CardQuery, Dashboard, DashboardQuery, DrillCase, Page } from '../api/supervision-types'

const emptyPage = <T>(): Page<T> => ({ total: 0, page: 1, pageSize: 20, items: [] })

/** The supervision platform: the dashboard with its scope, the drilled case list, and cards. */
export const useSupervisionStore = defineStore('supervision', () => {
  const query = ref<DashboardQuery>({ scope: 'government', days: 30 })
  const dashboard = ref<Dashboard | undefined>()
  const loading = ref(false)
  const drill = ref<Page<DrillCase>>(emptyPage())
  const cards = ref<Page<Card>>(emptyPage())
  const cardQuery = ref<CardQuery>({ page: 1, pageSize: 20 })
  const card = ref<CardDetail | undefined>()
  /**
   * The server's time as best known: the last dashboard's `now`, else the latest instant the open
   * card records (a lower bound), else the browser's clock. Deadlines are checked against it, since
   * the browser's clock may differ from the server's (the server checks again).
   */
  const serverNow = computed(() => {
    if (dashboard.value) return dashboard.value.now
    const c = card.value
    if (c) return Math.max(c.card.updatedAt ?? 0, c.card.createdAt, ...c.events.map((e) => e.at))
    return Date.now()
  })

  /** Internal flows by item key, for the heat overlay when the flow figure carries no graph. */
  const flows = ref<Record<string, { flow: ChartFlow; layout?: Record<string, { x: number; y: number }> } | null>>({})

  /**
   * The item's internal flow as a case of it shows it (GET /api/cases/:id carries the definition it
   * runs on); null when no visible case has one. Fetched once per item.
   */
  async function loadFlow(itemKey: string): Promise<void> {
    if (itemKey in flows.value) return
    flows.value = { ...flows.value, [itemKey]: null }
    try {
      const one = (await fetchDrillCases({ ...query.value, itemKey, pageSize: 1 })).items[0]
      const def = one ? (await fetchCase(one.id)).definition : undefined
      if (def) flows.value = { ...flows.value, [itemKey]: { flow: def.flow, layout: (def.layout as { nodes?: Record<string, { x: number; y: number }> } | undefined)?.nodes } }
    } catch {
      // The overlay falls back to the steps in order.
    }
  }

  async function loadDashboard(q: Partial<DashboardQuery> = {}): Promise<void> {
    query.value = { ...query.value, ...q }
    loading.value = true
    try {
      dashboard.value = await fetchDashboard(query.value)
    } finally {
      loading.value = false
    }
  }

  async function loadDrill(q: CaseFilterQuery): Promise<void> {
    drill.value = await fetchDrillCases(q)
  }

  async function loadCards(q: Partial<CardQuery> = {}): Promise<void> {
    cardQuery.value = { ...cardQuery.value, ...q }
    cards.value = await fetchCards(cardQuery.value)
  }

  async function openCard(id: string): Promise<CardDetail> {
    card.value = await fetchCard(id)
    return card.value
  }

  /** One lifecycle step on the open card; the card is reloaded after it. */
  async function act(command: CardCommand): Promise<void> {
    const c = card.value
    if (!c) return
    await runCardCommand(c.card.id, command)
    await openCard(c.card.id)
  }

  return { query, dashboard, serverNow, loading, flows, loadFlow, drill, cards, cardQuery, card, loadDashboard, loadDrill, loadCards, openCard, act }
})
