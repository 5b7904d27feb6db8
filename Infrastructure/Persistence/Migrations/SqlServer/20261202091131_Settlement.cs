using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Settlement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BenefitStandards_JurisdictionId_VariantCode_EffectiveFrom",
                table: "BenefitStandards");

            migrationBuilder.AddColumn<string>(
                name: "RevocationReason",
                table: "TemporaryAssistance",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RevokedAtUtc",
                table: "TemporaryAssistance",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevokedBy",
                table: "TemporaryAssistance",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CorrectsId",
                table: "BenefitStandards",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsSuperseded",
                table: "BenefitStandards",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "BenefitStandards",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "HouseholdMoves",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    HouseholdId = table.Column<int>(type: "int", nullable: false),
                    FromMonth = table.Column<int>(type: "int", nullable: false),
                    FromCommunityId = table.Column<int>(type: "int", nullable: false),
                    ToCommunityId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HouseholdMoves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HouseholdMoves_Areas_FromCommunityId",
                        column: x => x.FromCommunityId,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HouseholdMoves_Areas_ToCommunityId",
                        column: x => x.ToCommunityId,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HouseholdMoves_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentHeadcounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    JurisdictionId = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<int>(type: "int", nullable: false),
                    TownshipId = table.Column<int>(type: "int", nullable: false),
                    GroupCode = table.Column<int>(type: "int", nullable: false),
                    Households = table.Column<int>(type: "int", nullable: false),
                    Persons = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentHeadcounts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BenefitStandards_CorrectsId",
                table: "BenefitStandards",
                column: "CorrectsId");

            migrationBuilder.CreateIndex(
                name: "IX_BenefitStandards_JurisdictionId_VariantCode_EffectiveFrom_Revision",
                table: "BenefitStandards",
                columns: new[] { "JurisdictionId", "VariantCode", "EffectiveFrom", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdMoves_FromCommunityId",
                table: "HouseholdMoves",
                column: "FromCommunityId");

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdMoves_HouseholdId_FromMonth",
                table: "HouseholdMoves",
                columns: new[] { "HouseholdId", "FromMonth" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdMoves_ToCommunityId",
                table: "HouseholdMoves",
                column: "ToCommunityId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentHeadcounts_JurisdictionId_Month_TownshipId_GroupCode",
                table: "PaymentHeadcounts",
                columns: new[] { "JurisdictionId", "Month", "TownshipId", "GroupCode" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_BenefitStandards_BenefitStandards_CorrectsId",
                table: "BenefitStandards",
                column: "CorrectsId",
                principalTable: "BenefitStandards",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Months closed before this migration get their distinct head counts from their ledger lines, as the run writes them.
            migrationBuilder.Sql(@"
INSERT INTO PaymentHeadcounts (JurisdictionId, Month, TownshipId, GroupCode, Households, Persons)
SELECT l.JurisdictionId, l.Month, l.TownshipId, 0, COUNT(DISTINCT l.HouseholdId),
       COUNT(DISTINCT l.PersonId) + SUM(CASE WHEN l.Reason = 7 THEN l.PersonCount - CASE WHEN l.PersonId IS NULL THEN 0 ELSE 1 END ELSE 0 END)
FROM PaymentLines l WHERE l.Reason <= 4 OR l.Reason = 7
GROUP BY l.JurisdictionId, l.Month, l.TownshipId
UNION ALL
SELECT g.JurisdictionId, g.Month, g.TownshipId, g.GroupCode, COUNT(DISTINCT g.HouseholdId),
       COUNT(DISTINCT g.PersonId) + SUM(CASE WHEN g.Reason = 7 THEN g.PersonCount - CASE WHEN g.PersonId IS NULL THEN 0 ELSE 1 END ELSE 0 END)
FROM (SELECT l.*, CASE WHEN l.Programme IN (1) THEN 1 WHEN l.Programme = 2 THEN 2 WHEN l.Programme = 3 THEN 3 WHEN l.Programme IN (4, 5) THEN 4
                       WHEN l.Programme IN (6, 7) THEN 5 ELSE 6 END AS GroupCode
      FROM PaymentLines l WHERE l.Reason <= 4 OR l.Reason = 7) g
GROUP BY g.JurisdictionId, g.Month, g.TownshipId, g.GroupCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_BenefitStandards_BenefitStandards_CorrectsId",
                table: "BenefitStandards");

            migrationBuilder.DropTable(
                name: "HouseholdMoves");

            migrationBuilder.DropTable(
                name: "PaymentHeadcounts");

            migrationBuilder.DropIndex(
                name: "IX_BenefitStandards_CorrectsId",
                table: "BenefitStandards");

            migrationBuilder.DropIndex(
                name: "IX_BenefitStandards_JurisdictionId_VariantCode_EffectiveFrom_Revision",
                table: "BenefitStandards");

            migrationBuilder.DropColumn(
                name: "RevocationReason",
                table: "TemporaryAssistance");

            migrationBuilder.DropColumn(
                name: "RevokedAtUtc",
                table: "TemporaryAssistance");

            migrationBuilder.DropColumn(
                name: "RevokedBy",
                table: "TemporaryAssistance");

            migrationBuilder.DropColumn(
                name: "CorrectsId",
                table: "BenefitStandards");

            migrationBuilder.DropColumn(
                name: "IsSuperseded",
                table: "BenefitStandards");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "BenefitStandards");

            migrationBuilder.CreateIndex(
                name: "IX_BenefitStandards_JurisdictionId_VariantCode_EffectiveFrom",
                table: "BenefitStandards",
                columns: new[] { "JurisdictionId", "VariantCode", "EffectiveFrom" },
                unique: true);
        }
    }
}
